namespace Orchestrator.ApiServer.Metrics.Serving;

/// <summary>
/// Get and list of one metrics.k8s.io kind: the objects of the watch cache (<paramref name="objects"/>, whose plural the
/// metrics kind shares; selectors apply to them), each with the usage <see cref="MetricsStorage"/> has for it. An object
/// without metrics is left out of lists and a 404 <paramref name="metricsResource"/><c>.metrics.k8s.io</c> on get, a
/// missing object a 404 of its own resource.
/// </summary>
internal abstract class MetricsHandler<TUsage>(WatchCacheSet caches, ResourceDefinition objects, string metricsResource, TimeProvider time) : IReadOnlyResourceHandler
    where TUsage : class
{
    public string Group => MetricsResources.Group;

    public string Plural => objects.Plural;

    /// <summary>The usage stored for the object, null when there is none.</summary>
    protected abstract TUsage? Usage(string? ns, string name);

    /// <summary>The metrics object of <paramref name="obj"/>.</summary>
    protected abstract JsonObject ToJson(JsonObject obj, TUsage usage, DateTimeOffset now);

    /// <summary>The objects of a list in the order metrics-server lists them.</summary>
    protected abstract IEnumerable<CachedObject> Sorted(IEnumerable<CachedObject> items);

    public async Task<JsonObject> GetAsync(ResourceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = request.Name!;
        var cache = caches.For(objects);
        await cache.WaitReadyAsync(cancellationToken);
        var obj = cache.TryGet(ObjectKeys.Item(objects, request.Namespace, name)) ?? throw ApiErrors.NotFound(objects, name);
        var usage = Usage(request.Namespace, name) ?? throw MetricsErrors.NoMetrics(metricsResource, name);
        return ToJson(obj.Object, usage, time.GetUtcNow());
    }

    public async Task<IReadOnlyList<JsonObject>> ListAsync(ResourceRequest request, ObjectFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(filter);
        var cache = caches.For(objects);
        await cache.WaitReadyAsync(cancellationToken);
        var now = time.GetUtcNow();
        var items = new List<JsonObject>();
        foreach (var item in Sorted(cache.List(ObjectKeys.ListPrefix(objects, request.Namespace)).Items.Where(filter.Matches)))
        {
            if (Usage(Objects.ObjectMeta.Namespace(item.Object), Objects.ObjectMeta.Name(item.Object) ?? "") is { } usage)
            {
                items.Add(ToJson(item.Object, usage, now));
            }
        }

        return items;
    }
}
