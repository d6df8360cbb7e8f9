namespace Orchestrator.ApiServer.Metrics.Serving;

/// <summary>
/// <c>/apis/metrics.k8s.io/v1beta1/nodes[/name]</c>: the nodes of the watch cache, sorted by name, each with the usage
/// <see cref="MetricsStorage"/> has for it (a 404 <c>nodemetrics.metrics.k8s.io</c> without one, a 404 <c>nodes</c>
/// for a missing node).
/// </summary>
internal sealed class NodeMetricsHandler(WatchCacheSet caches, ResourceRegistry registry, MetricsStorage storage, TimeProvider time)
    : MetricsHandler<ResourceUsage>(caches, registry.Find("", "v1", "nodes") ?? throw new InvalidOperationException("nodes are not served"), "nodemetrics", time)
{
    protected override ResourceUsage? Usage(string? ns, string name) => storage.Node(name);

    protected override JsonObject ToJson(JsonObject obj, ResourceUsage usage, DateTimeOffset now) => MetricsJson.Node(obj, usage, now);

    protected override IEnumerable<CachedObject> Sorted(IEnumerable<CachedObject> items) => items.OrderBy(n => n.Key, StringComparer.Ordinal);
}
