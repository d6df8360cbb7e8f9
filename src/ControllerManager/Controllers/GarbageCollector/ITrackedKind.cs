namespace Orchestrator.ControllerManager.Controllers.GarbageCollector;

/// <summary>One kind the garbage collector watches: its informer cache seen without its model type, and its API calls.</summary>
internal interface ITrackedKind
{
    KindOperations Operations { get; }

    IKubernetesObject<V1ObjectMeta>? Get(string ns, string name);

    /// <summary>The cached objects with an ownerReference to this uid.</summary>
    IReadOnlyList<IKubernetesObject<V1ObjectMeta>> DependentsOf(string ownerUid);

    Task WaitForSyncAsync(CancellationToken ct);

    /// <summary>Calls back on every add or update (old, new) and delete (obj, null) of the informer.</summary>
    void Watch(Action<IKubernetesObject<V1ObjectMeta>?, IKubernetesObject<V1ObjectMeta>?> changed);
}
