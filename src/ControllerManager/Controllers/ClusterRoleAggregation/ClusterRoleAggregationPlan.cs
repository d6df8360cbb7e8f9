namespace Orchestrator.ControllerManager.Controllers.ClusterRoleAggregation;

/// <summary>What the aggregation of one ClusterRole decided: the rules to write, or none when the role already has them (or is not aggregated).</summary>
internal sealed record ClusterRoleAggregationPlan(IReadOnlyList<V1PolicyRule>? NewRules)
{
    public static ClusterRoleAggregationPlan Nothing { get; } = new((IReadOnlyList<V1PolicyRule>?)null);
}
