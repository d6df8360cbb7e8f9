using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Registry.Rbac;

namespace Orchestrator.ApiServer.Tests.Registry.Rbac;

public sealed class RbacStrategyTests
{
    [Theory]
    [InlineData("""[{"verbs":["get"],"apiGroups":[""],"resources":["pods"]}]""", false, "")]
    [InlineData("""[{"verbs":["get"],"nonResourceURLs":["/healthz"]}]""", true, "")]
    [InlineData("""[{"verbs":["get"],"nonResourceURLs":["/healthz"]}]""", false, "rules[0].nonResourceURLs: Invalid value: []string{\"/healthz\"}: namespaced rules cannot apply to non-resource URLs")]
    [InlineData("""[{"verbs":["get"],"nonResourceURLs":["/x"],"resources":["pods"]}]""", true, "rules[0].nonResourceURLs: Invalid value: []string{\"/x\"}: rules cannot apply to both regular resources and non-resource URLs")]
    [InlineData("""[{"apiGroups":[""],"resources":["pods"]}]""", true, "rules[0].verbs: Required value: verbs must contain at least one value")]
    [InlineData("""[{"verbs":["get"],"resources":["pods"]}]""", true, "rules[0].apiGroups: Required value: resource rules must supply at least one api group")]
    [InlineData("""[{"verbs":["get"],"apiGroups":[""]}]""", true, "rules[0].resources: Required value: resource rules must supply at least one resource")]
    public void Role_rules_are_validated_as_upstreams_ValidatePolicyRule(string rules, bool clusterScoped, string expected)
    {
        var causes = new List<StatusCause>();

        new RoleStrategy(clusterScoped).Validate(new JsonObject { ["rules"] = JsonNode.Parse(rules) }, causes);

        Assert.Equal(expected, string.Join("; ", causes.Select(c => $"{c.Field}: {c.Message}")));
    }

    [Fact]
    public void An_aggregation_rule_needs_a_selector()
    {
        var causes = new List<StatusCause>();

        new RoleStrategy(clusterScoped: true).Validate(JsonNode.Parse("""{"aggregationRule":{}}""")!.AsObject(), causes);

        Assert.Equal("aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil", $"{causes.Single().Field}: {causes.Single().Message}");
    }

    [Fact]
    public void Bindings_default_the_rbac_group_for_users_groups_and_the_roleRef_but_not_for_service_accounts()
    {
        var binding = JsonNode.Parse("""
            {"roleRef":{"kind":"ClusterRole","name":"view"},"subjects":[{"kind":"User","name":"a"},{"kind":"Group","name":"g"},{"kind":"ServiceAccount","name":"s","namespace":"n"}]}
            """)!.AsObject();

        new RoleBindingStrategy(clusterScoped: true).Default(binding, create: true);

        Assert.Equal(
            """{"roleRef":{"kind":"ClusterRole","name":"view","apiGroup":"rbac.authorization.k8s.io"},"subjects":[{"kind":"User","name":"a","apiGroup":"rbac.authorization.k8s.io"},{"kind":"Group","name":"g","apiGroup":"rbac.authorization.k8s.io"},{"kind":"ServiceAccount","name":"s","namespace":"n"}]}""",
            binding.ToJsonString());
    }

    [Fact]
    public void A_bindings_roleRef_is_immutable()
    {
        var current = JsonNode.Parse("""{"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"}}""")!.AsObject();
        var updated = JsonNode.Parse("""{"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"edit"}}""")!.AsObject();
        var causes = new List<StatusCause>();

        new RoleBindingStrategy(clusterScoped: false).ValidateUpdate(current, updated, causes);

        Assert.Equal("roleRef: Invalid value: rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", Kind:\"ClusterRole\", Name:\"edit\"}: cannot change roleRef", $"{causes.Single().Field}: {causes.Single().Message}");
    }
}
