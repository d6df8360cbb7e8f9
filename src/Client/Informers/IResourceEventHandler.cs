namespace Orchestrator.Client;

/// <summary>
/// Receives an informer's changes. Called on the informer's watch loop, one call at a time per
/// informer, so it must be quick: turn the object into a key and enqueue it. Objects are shared with
/// the cache: never mutate them.
/// </summary>
public interface IResourceEventHandler<in T>
{
    void OnAdd(T obj);

    /// <summary>Also called on a periodic resync and after a relist, with equal or changed objects.</summary>
    void OnUpdate(T oldObj, T newObj);

    /// <summary>The last state the informer knew; after a relist this may be older than the real final state.</summary>
    void OnDelete(T obj);
}
