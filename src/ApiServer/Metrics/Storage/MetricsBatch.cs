namespace Orchestrator.ApiServer.Metrics.Storage;

/// <summary>What one scrape round read from the kubelets: a point per node, and per pod a point per container.</summary>
internal sealed record MetricsBatch(
    IReadOnlyDictionary<string, MetricsPoint> Nodes,
    IReadOnlyDictionary<PodKey, IReadOnlyDictionary<string, MetricsPoint>> Pods)
{
    public static MetricsBatch Empty { get; } = new(new Dictionary<string, MetricsPoint>(), new Dictionary<PodKey, IReadOnlyDictionary<string, MetricsPoint>>());
}
