namespace Orchestrator.Client;

/// <summary>
/// A resource kept in sync with the API server by list-then-watch, with a local cache and change
/// handlers. Shared: one per resource type per <see cref="InformerFactory"/>.
/// </summary>
public interface IInformer<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    ICache<T> Cache { get; }

    /// <summary>True once the first full list is in the cache.</summary>
    bool HasSynced { get; }

    /// <summary>
    /// Adds a handler. Objects already in the cache are replayed to it as <see cref="IResourceEventHandler{T}.OnAdd"/>
    /// first, so a handler added late misses nothing. Handlers cannot be removed.
    /// </summary>
    void AddHandler(IResourceEventHandler<T> handler);

    /// <summary>Completes when <see cref="HasSynced"/> becomes true, or throws when <paramref name="ct"/> is cancelled.</summary>
    Task WaitForSyncAsync(CancellationToken ct);
}
