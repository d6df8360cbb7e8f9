namespace Orchestrator.Kubelet.Volumes.Sources;

/// <summary>One object of <see cref="WatchedObjects{T}"/>: its informer and how often each pod references it (guarded by the owner's lock).</summary>
internal sealed class WatchedObject<T>(SingleObjectInformer<T> informer)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public SingleObjectInformer<T> Informer => informer;

    /// <summary>Pod uid → reference count.</summary>
    public Dictionary<string, int> References { get; } = new(StringComparer.Ordinal);
}
