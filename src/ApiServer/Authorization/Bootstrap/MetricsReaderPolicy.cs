using static Orchestrator.ApiServer.Authorization.Bootstrap.PolicyObjects;

namespace Orchestrator.ApiServer.Authorization.Bootstrap;

/// <summary>
/// The ClusterRole metrics-server's manifest ships, since this server serves metrics.k8s.io itself:
/// <c>system:aggregated-metrics-reader</c>, read access to NodeMetrics and PodMetrics, aggregated into view, edit and
/// admin (so whoever may read pods may run <c>kubectl top</c>).
/// </summary>
internal static class MetricsReaderPolicy
{
    public const string Name = "system:aggregated-metrics-reader";

    public static JsonObject ClusterRole() => PolicyObjects.ClusterRole(
        Name,
        [Rule(Read, "metrics.k8s.io", "pods", "nodes")],
        new Dictionary<string, string>
        {
            ["rbac.authorization.k8s.io/aggregate-to-admin"] = "true",
            ["rbac.authorization.k8s.io/aggregate-to-edit"] = "true",
            ["rbac.authorization.k8s.io/aggregate-to-view"] = "true",
        });
}
