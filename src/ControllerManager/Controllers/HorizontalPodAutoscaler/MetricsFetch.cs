namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>The samples of one <see cref="MetricQuery"/>, or why there are none.</summary>
internal sealed record MetricsFetch(PodResourceMetrics? Metrics, string? Error)
{
    public static MetricsFetch Of(PodResourceMetrics metrics) => new(metrics, null);

    public static MetricsFetch Failed(string error) => new(null, error);
}
