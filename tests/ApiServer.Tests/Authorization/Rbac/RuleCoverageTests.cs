using Orchestrator.ApiServer.Authorization.Rbac;

namespace Orchestrator.ApiServer.Tests.Authorization.Rbac;

public sealed class RuleCoverageTests
{
    [Fact]
    public void Rules_held_through_wildcards_cover_the_specific_rules_they_include()
    {
        PolicyRule[] owner = [PolicyRule.Resource(["*"], [""], "pods", "*/log"), PolicyRule.Urls(["get"], "/healthz/*")];

        var missing = RuleCoverage.Missing(owner,
        [
            PolicyRule.Resource(["get", "delete"], [""], "pods", "deployments/log"),
            PolicyRule.Urls(["get"], "/healthz/etcd"),
        ]);

        Assert.Empty(missing);
    }

    [Fact]
    public void What_is_not_held_is_broken_down_then_compacted_per_group_and_resource_with_upstreams_wording()
    {
        PolicyRule[] owner = [PolicyRule.Resource(["get"], [""], "pods")];

        var missing = RuleCoverage.Missing(owner,
        [
            PolicyRule.Resource(["get", "list", "create"], ["", "apps"], "pods"),
            PolicyRule.Urls(["get"], "/metrics"),
        ]);

        Assert.Equal(
        [
            "{APIGroups:[\"\"], Resources:[\"pods\"], Verbs:[\"list\" \"create\"]}",
            "{APIGroups:[\"apps\"], Resources:[\"pods\"], Verbs:[\"get\" \"list\" \"create\"]}",
            "{NonResourceURLs:[\"/metrics\"], Verbs:[\"get\"]}",
        ], missing.Select(RuleCoverage.CompactString));
    }

    [Fact]
    public void A_rule_limited_to_names_covers_only_those_names()
    {
        PolicyRule[] owner = [PolicyRule.Resource(["get"], [""], "configmaps").Named("a")];

        Assert.Empty(RuleCoverage.Missing(owner, [PolicyRule.Resource(["get"], [""], "configmaps").Named("a")]));
        Assert.Single(RuleCoverage.Missing(owner, [PolicyRule.Resource(["get"], [""], "configmaps").Named("b")]));
        Assert.Single(RuleCoverage.Missing(owner, [PolicyRule.Resource(["get"], [""], "configmaps")]));
    }
}
