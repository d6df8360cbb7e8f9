namespace Orchestrator.ControllerManager.Controllers.GarbageCollector;

internal sealed class TrackedKind<T>(KindOperations operations, IInformer<T> informer) : ITrackedKind
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public KindOperations Operations => operations;

    public IKubernetesObject<V1ObjectMeta>? Get(string ns, string name) => informer.Cache.Get(new NamespacedName(ns, name));

    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> DependentsOf(string ownerUid) => informer.Cache.ByIndex(Indexes.OwnerUid, ownerUid);

    public Task WaitForSyncAsync(CancellationToken ct) => informer.WaitForSyncAsync(ct);

    public void Watch(Action<IKubernetesObject<V1ObjectMeta>?, IKubernetesObject<V1ObjectMeta>?> changed) =>
        informer.AddHandler(new ResourceEventHandler<T>(
            obj => changed(null, obj),
            (old, obj) => changed(old, obj),
            obj => changed(obj, null)));
}
