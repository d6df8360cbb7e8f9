namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>
/// The outcome of every metric of an autoscaler (upstream's computeReplicasForMetrics): the largest proposal and the
/// metric that made it, each metric's current value (an empty entry for a metric that failed), the ScalingActive
/// condition, the warnings to record, and the error when no usable proposal came out (<see cref="Replicas"/> is then -1).
/// A non-null <see cref="Error"/> with a proposal means some metrics failed but scaling up on the rest goes on.
/// </summary>
internal sealed record MetricsEvaluation(
    int Replicas, string MetricName, IList<V2MetricStatus> Statuses, ConditionChange Condition, IReadOnlyList<HpaEvent> Events, string? Error)
{
    public bool Failed => Replicas < 0;
}
