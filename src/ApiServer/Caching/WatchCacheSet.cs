using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Orchestrator.ApiServer.Registry;
using Orchestrator.Store;

namespace Orchestrator.ApiServer.Caching;

/// <summary>One watch cache per resource, started on first use and stopped with the server.</summary>
internal sealed class WatchCacheSet(IStore store, ILoggerFactory loggers) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<ResourceDefinition, Lazy<ResourceWatchCache>> _caches = new();

    public ResourceWatchCache For(ResourceDefinition resource) =>
        _caches.GetOrAdd(resource, r => new Lazy<ResourceWatchCache>(() => new ResourceWatchCache(store, r, loggers.CreateLogger<ResourceWatchCache>()))).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var cache in _caches.Values.Where(c => c.IsValueCreated))
        {
            await cache.Value.DisposeAsync();
        }
    }
}
