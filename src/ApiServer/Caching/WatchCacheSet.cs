using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Orchestrator.ApiServer.Registry;
using Orchestrator.Store;

namespace Orchestrator.ApiServer.Caching;

/// <summary>
/// One watch cache per stored resource, started on first use and stopped with the server; the versions a
/// resource is also served in share its storage version's cache (<see cref="ResourceDefinition.Storage"/>).
/// </summary>
internal sealed class WatchCacheSet(IStore store, ILoggerFactory loggers) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<ResourceDefinition, Lazy<ResourceWatchCache>> _caches = new();

    public ResourceWatchCache For(ResourceDefinition resource) =>
        _caches.GetOrAdd(resource.Storage, r => new Lazy<ResourceWatchCache>(() => new ResourceWatchCache(store, r, loggers.CreateLogger<ResourceWatchCache>()))).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var cache in _caches.Values.Where(c => c.IsValueCreated))
        {
            await cache.Value.DisposeAsync();
        }
    }
}
