namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>The samples of one resource for the selected pods, by pod name, and the time of the first sample.</summary>
internal sealed record PodResourceMetrics(IReadOnlyDictionary<string, PodMetric> Pods, DateTimeOffset Timestamp);
