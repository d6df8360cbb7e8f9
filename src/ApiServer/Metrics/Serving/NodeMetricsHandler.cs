namespace Orchestrator.ApiServer.Metrics.Serving;

/// <summary>
/// <c>/apis/metrics.k8s.io/v1beta1/nodes[/name]</c>: the nodes of the watch cache (selectors apply to the Node), each
/// with the usage <see cref="MetricsStorage"/> has for it; a node without metrics is left out of lists and a 404
/// <c>nodemetrics.metrics.k8s.io</c> on get, a missing node a 404 <c>nodes</c>.
/// </summary>
internal sealed class NodeMetricsHandler(WatchCacheSet caches, ResourceRegistry registry, MetricsStorage storage, TimeProvider time) : IReadOnlyResourceHandler
{
    private readonly ResourceDefinition _nodes = registry.Find("", "v1", "nodes") ?? throw new InvalidOperationException("nodes are not served");

    public string Group => MetricsResources.Group;

    public string Plural => "nodes";

    public async Task<JsonObject> GetAsync(ResourceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = request.Name!;
        var cache = caches.For(_nodes);
        await cache.WaitReadyAsync(cancellationToken);
        var node = cache.TryGet(ObjectKeys.Item(_nodes, null, name)) ?? throw ApiErrors.NotFound(_nodes, name);
        var usage = storage.Node(name) ?? throw MetricsErrors.NoMetrics("nodemetrics", name);
        return MetricsJson.Node(node.Object, usage, time.GetUtcNow());
    }

    public async Task<IReadOnlyList<JsonObject>> ListAsync(ResourceRequest request, ObjectFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var cache = caches.For(_nodes);
        await cache.WaitReadyAsync(cancellationToken);
        var now = time.GetUtcNow();
        var items = new List<JsonObject>();
        foreach (var node in cache.List(ObjectKeys.ListPrefix(_nodes, null)).Items.Where(filter.Matches).OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            if (storage.Node(Objects.ObjectMeta.Name(node.Object) ?? "") is { } usage)
            {
                items.Add(MetricsJson.Node(node.Object, usage, now));
            }
        }

        return items;
    }
}
