namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>One pod's usage of one resource (milli-units: millicores, milli-bytes) as the metrics API sampled it.</summary>
/// <param name="Value">The usage summed over the pod's containers (or the one named container), in milli-units.</param>
/// <param name="Timestamp">When the sample's window ended.</param>
/// <param name="Window">How long the sample was averaged over.</param>
internal sealed record PodMetric(long Value, DateTimeOffset Timestamp, TimeSpan Window);
