using k8s;
using k8s.Models;
using Orchestrator.ControllerManager.Controllers.ClusterRoleAggregation;

namespace Orchestrator.ControllerManager.Tests.Controllers.ClusterRoleAggregation;

public sealed class ClusterRoleAggregationControllerTests
{
    private const string Label = "example.com/aggregate-to-monitoring";

    [Fact]
    public async Task An_aggregated_role_follows_its_sources_as_they_are_added_changed_and_deleted()
    {
        await using var harness = await ControllerHarness.StartAsync(c => new ClusterRoleAggregationController(c));
        var roles = harness.Client.RbacAuthorizationV1;
        await roles.CreateClusterRoleAsync(new V1ClusterRole
        {
            Metadata = new V1ObjectMeta { Name = "monitoring" },
            AggregationRule = new V1AggregationRule { ClusterRoleSelectors = [new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [Label] = "true" } }] },
        });
        await roles.CreateClusterRoleAsync(Source("monitoring-pods", "pods"));
        await roles.CreateClusterRoleAsync(Source("monitoring-nodes", "nodes"));

        await harness.EventuallyAsync(() => roles.ReadClusterRoleAsync("monitoring"), r => Resources(r) == "nodes,pods", "both sources aggregated, in name order");

        var pods = await roles.ReadClusterRoleAsync("monitoring-pods");
        pods.Rules[0].Resources = ["pods", "pods/log"];
        await roles.ReplaceClusterRoleAsync(pods, "monitoring-pods");
        await harness.EventuallyAsync(() => roles.ReadClusterRoleAsync("monitoring"), r => Resources(r) == "nodes,pods+pods/log", "a changed source is picked up");

        await roles.DeleteClusterRoleAsync("monitoring-nodes");
        await harness.EventuallyAsync(() => roles.ReadClusterRoleAsync("monitoring"), r => Resources(r) == "pods+pods/log", "a deleted source's rules are dropped");
    }

    private static V1ClusterRole Source(string name, string resource) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { [Label] = "true" } },
        Rules = [new V1PolicyRule { Verbs = ["get", "list", "watch"], ApiGroups = [""], Resources = [resource] }],
    };

    private static string Resources(V1ClusterRole role) => string.Join(",", (role.Rules ?? []).Select(r => string.Join("+", r.Resources)));
}
