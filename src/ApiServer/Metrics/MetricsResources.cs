using k8s.Models;

namespace Orchestrator.ApiServer.Metrics;

/// <summary>
/// metrics.k8s.io/v1beta1 as metrics-server serves it: NodeMetrics on <c>nodes</c> (cluster-scoped) and PodMetrics on
/// <c>pods</c> (namespaced), get and list only (no watch), computed on request by
/// <see cref="Serving.NodeMetricsHandler"/> and <see cref="Serving.PodMetricsHandler"/>, never stored.
/// </summary>
internal static class MetricsResources
{
    public const string Group = "metrics.k8s.io";
    public const string Version = "v1beta1";
    public const string ApiVersion = Group + "/" + Version;
    public const string NodeMetricsKind = "NodeMetrics";
    public const string PodMetricsKind = "PodMetrics";

    private static readonly string[] GetList = ["get", "list"];

    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        Computed<NodeMetrics, NodeMetricsList>(NodeMetricsKind, "nodes", namespaced: false),
        Computed<PodMetrics, PodMetricsList>(PodMetricsKind, "pods", namespaced: true),
    ];

    // The singular is the kind in lower case, which is what clients derive when discovery leaves it empty, as metrics-server's does.
    private static ResourceDefinition Computed<TModel, TList>(string kind, string plural, bool namespaced) => new()
    {
        Group = Group,
        Version = Version,
        Kind = kind,
        Plural = plural,
        Singular = kind.ToLowerInvariant(),
        Namespaced = namespaced,
        ModelType = typeof(TModel),
        ListType = typeof(TList),
        Verbs = GetList,
        Stored = false,
        Strategy = new ResourceStrategy(new Serving.MetricsPrinter(pods: namespaced)),
    };
}
