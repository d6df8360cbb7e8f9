namespace Orchestrator.ApiServer.Metrics.Serving;

/// <summary>
/// <c>/apis/metrics.k8s.io/v1beta1/[namespaces/ns/]pods[/name]</c>: the pods of the watch cache, sorted by namespace
/// and name as metrics-server sorts them, each with its containers' usage (a 404 <c>podmetrics.metrics.k8s.io</c>
/// without it, a 404 <c>pods</c> for a missing pod).
/// </summary>
internal sealed class PodMetricsHandler(WatchCacheSet caches, ResourceRegistry registry, MetricsStorage storage, TimeProvider time)
    : MetricsHandler<PodUsage>(caches, registry.Find("", "v1", "pods") ?? throw new InvalidOperationException("pods are not served"), "podmetrics", time)
{
    protected override PodUsage? Usage(string? ns, string name) => storage.Pod(new PodKey(ns ?? "", name));

    protected override JsonObject ToJson(JsonObject obj, PodUsage usage, DateTimeOffset now) => MetricsJson.Pod(obj, usage, now);

    protected override IEnumerable<CachedObject> Sorted(IEnumerable<CachedObject> items) => items
        .OrderBy(p => Objects.ObjectMeta.Namespace(p.Object) ?? "", StringComparer.Ordinal)
        .ThenBy(p => Objects.ObjectMeta.Name(p.Object) ?? "", StringComparer.Ordinal);
}
