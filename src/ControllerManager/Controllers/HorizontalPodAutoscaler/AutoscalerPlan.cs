namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>
/// What one sync of an autoscaler decided: whether to rescale and to what (and why, for the event), the conditions to
/// set in order, the metrics' current values and the warnings to record. <see cref="MetricsFailed"/>: the metrics gave
/// no usable proposal (<see cref="MetricsError"/> says why), so only the current replicas and metrics are written.
/// A <see cref="MetricsError"/> without <see cref="MetricsFailed"/> means some metrics failed and the rest decided.
/// </summary>
internal sealed record AutoscalerPlan(
    bool Rescale, int DesiredReplicas, string RescaleReason, IReadOnlyList<ConditionChange> Conditions,
    IList<V2MetricStatus>? MetricStatuses, IReadOnlyList<HpaEvent> Events, bool MetricsFailed, string? MetricsError);
