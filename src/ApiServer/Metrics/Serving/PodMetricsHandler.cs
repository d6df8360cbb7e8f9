namespace Orchestrator.ApiServer.Metrics.Serving;

/// <summary>
/// <c>/apis/metrics.k8s.io/v1beta1/[namespaces/ns/]pods[/name]</c>: the pods of the watch cache (label and field
/// selectors apply to the Pod), sorted by namespace and name as metrics-server sorts them, each with its containers'
/// usage; a pod without metrics is left out of lists and a 404 <c>podmetrics.metrics.k8s.io</c> on get, a missing pod
/// a 404 <c>pods</c>.
/// </summary>
internal sealed class PodMetricsHandler(WatchCacheSet caches, ResourceRegistry registry, MetricsStorage storage, TimeProvider time) : IReadOnlyResourceHandler
{
    private readonly ResourceDefinition _pods = registry.Find("", "v1", "pods") ?? throw new InvalidOperationException("pods are not served");

    public string Group => MetricsResources.Group;

    public string Plural => "pods";

    public async Task<JsonObject> GetAsync(ResourceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = request.Name!;
        var cache = caches.For(_pods);
        await cache.WaitReadyAsync(cancellationToken);
        var pod = cache.TryGet(ObjectKeys.Item(_pods, request.Namespace, name)) ?? throw ApiErrors.NotFound(_pods, name);
        var usage = storage.Pod(new PodKey(request.Namespace!, name)) ?? throw MetricsErrors.NoMetrics("podmetrics", name);
        return MetricsJson.Pod(pod.Object, usage, time.GetUtcNow());
    }

    public async Task<IReadOnlyList<JsonObject>> ListAsync(ResourceRequest request, ObjectFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(filter);
        var cache = caches.For(_pods);
        await cache.WaitReadyAsync(cancellationToken);
        var now = time.GetUtcNow();
        var items = new List<JsonObject>();
        var pods = cache.List(ObjectKeys.ListPrefix(_pods, request.Namespace)).Items
            .Where(filter.Matches)
            .Select(p => (Pod: p.Object, Key: new PodKey(Objects.ObjectMeta.Namespace(p.Object) ?? "", Objects.ObjectMeta.Name(p.Object) ?? "")))
            .OrderBy(p => p.Key.Namespace, StringComparer.Ordinal)
            .ThenBy(p => p.Key.Name, StringComparer.Ordinal);
        foreach (var (pod, key) in pods)
        {
            if (storage.Pod(key) is { } usage)
            {
                items.Add(MetricsJson.Pod(pod, usage, now));
            }
        }

        return items;
    }
}
