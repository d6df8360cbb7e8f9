using k8s.Models;
using Orchestrator.ControllerManager.Controllers.ClusterRoleAggregation;

namespace Orchestrator.ControllerManager.Tests.Controllers.ClusterRoleAggregation;

public sealed class ClusterRoleAggregationPlannerTests
{
    private const string ToView = "rbac.authorization.k8s.io/aggregate-to-view";

    public static TheoryData<string, string[], string[]?> Cases => new()
    {
        // case, source roles as "name:label:rules" (rules: verb/resource;…), expected rules of "view" (null: no write)
        { "sources in name order, each rule once", ["b:view:get/pods;list/pods", "a:view:list/pods;get/services"], ["list/pods", "get/services", "get/pods"] },
        { "roles without the label are left out", ["a:view:get/pods", "z:other:get/secrets"], ["get/pods"] },
        { "already aggregated: nothing to write", ["a:view:get/configmaps"], null },
        { "no source left: the rules are emptied", [], [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_aggregated_role_gets_the_union_of_its_selected_roles_rules(string name, string[] sources, string[]? expected)
    {
        var view = Role("view", null, "get/configmaps");
        view.AggregationRule = new V1AggregationRule { ClusterRoleSelectors = [new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [ToView] = "true" } }] };
        var roles = sources.Select(s => s.Split(':')).Select(p => Role(p[0], p[1], p[2])).Append(view).ToList();

        var plan = ClusterRoleAggregationPlanner.Plan(view, roles);

        Assert.True(expected is null ? plan.NewRules is null : plan.NewRules is not null, name);
        if (expected is not null)
        {
            Assert.Equal(expected, plan.NewRules!.Select(r => $"{r.Verbs.Single()}/{r.Resources.Single()}"));
        }
    }

    [Fact]
    public void A_role_without_an_aggregation_rule_is_never_rewritten()
    {
        var plain = Role("plain", "view", "get/pods");

        Assert.Null(ClusterRoleAggregationPlanner.Plan(plain, [plain, Role("a", "view", "list/pods")]).NewRules);
    }

    [Fact]
    public void Rules_compare_field_by_field_with_absent_and_empty_lists_alike()
    {
        var a = new V1PolicyRule { Verbs = ["get"], ApiGroups = [""], Resources = ["pods"], ResourceNames = null };
        var b = new V1PolicyRule { Verbs = ["get"], ApiGroups = [""], Resources = ["pods"], ResourceNames = [] };
        var c = new V1PolicyRule { Verbs = ["get"], ApiGroups = [""], Resources = ["pods"], ResourceNames = ["x"] };

        Assert.True(ClusterRoleAggregationPlanner.SameRule(a, b));
        Assert.False(ClusterRoleAggregationPlanner.SameRule(a, c));
    }

    private static V1ClusterRole Role(string name, string? label, string rules) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Labels = label switch
            {
                null => null,
                "view" => new Dictionary<string, string> { [ToView] = "true" },
                _ => new Dictionary<string, string> { ["other"] = "true" },
            },
        },
        Rules = [.. rules.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split('/')).Select(p => new V1PolicyRule { Verbs = [p[0]], ApiGroups = [""], Resources = [p[1]] })],
    };
}
