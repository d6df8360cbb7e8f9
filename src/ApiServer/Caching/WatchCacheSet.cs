namespace Orchestrator.ApiServer.Caching;

/// <summary>
/// One watch cache per stored resource, started on first use and stopped with the server; the versions a
/// resource is also served in share its storage version's cache (<see cref="ResourceDefinition.Storage"/>), and
/// the caches of a custom resource are stopped when its CRD goes (<see cref="RemoveAsync"/>). A cache is keyed by
/// where its objects live and the version they are stored in, so a CRD update that replaces the resource's
/// definition keeps its cache.
/// </summary>
internal sealed class WatchCacheSet(IStore store, ILoggerFactory loggers) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string Prefix, string ApiVersion), Lazy<ResourceWatchCache>> _caches = new();

    // The hot path (every list, watch and admission lookup) finds the cache by the definition's identity,
    // without building the key's strings; filled on first use, cleared when a cache is removed.
    private readonly ConcurrentDictionary<ResourceDefinition, ResourceWatchCache> _byDefinition = new(ReferenceEqualityComparer.Instance);

    public ResourceWatchCache For(ResourceDefinition resource)
    {
        if (_byDefinition.TryGetValue(resource, out var known))
        {
            return known;
        }

        var storage = resource.Storage;
        var cache = _caches.GetOrAdd(KeyOf(storage), _ => new Lazy<ResourceWatchCache>(() => new ResourceWatchCache(store, storage, loggers.CreateLogger<ResourceWatchCache>()))).Value;
        _byDefinition.TryAdd(resource, cache);
        return cache;
    }

    /// <summary>Stops and forgets the cache of <paramref name="resource"/>'s storage (its watchers see their watch end); a later <see cref="For"/> starts a new one.</summary>
    public async Task RemoveAsync(ResourceDefinition resource)
    {
        if (_caches.TryRemove(KeyOf(resource.Storage), out var cache) && cache.IsValueCreated)
        {
            foreach (var (definition, _) in _byDefinition.Where(p => ReferenceEquals(p.Value, cache.Value)).ToList())
            {
                _byDefinition.TryRemove(definition, out _);
            }

            await cache.Value.DisposeAsync();
        }
    }

    /// <summary>The caches started so far (for metrics: how many objects each resource has).</summary>
    public IEnumerable<ResourceWatchCache> Started => _caches.Values.Where(c => c.IsValueCreated).Select(c => c.Value);

    public async ValueTask DisposeAsync()
    {
        foreach (var cache in _caches.Values.Where(c => c.IsValueCreated))
        {
            await cache.Value.DisposeAsync();
        }
    }

    private static (string, string) KeyOf(ResourceDefinition storage) => (ObjectKeys.Collection(storage), storage.ApiVersion);
}
