using k8s;
using k8s.Models;
using Orchestrator.Client;

namespace Orchestrator.Kubelet.Volumes;

/// <summary>
/// Tells the kubelet which set-up pods to resync when a configMap or secret they project is
/// created, changed or deleted, so new contents reach mounted files within one pod sync (upstream
/// relies on a periodic resync of every pod instead). The callback runs on the informer's watch
/// loop: it must only enqueue.
/// </summary>
internal sealed class VolumeSourceWatcher(IInformer<V1ConfigMap> configMaps, IInformer<V1Secret> secrets, VolumeSourceIndex index, Action<VolumePodRef> resync)
{
    private int _started;

    /// <summary>Registers the informer handlers; call once, before or after the informers start.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("VolumeSourceWatcher already started");
        }

        configMaps.AddHandler(Handler<V1ConfigMap>(VolumeSourceKind.ConfigMap));
        secrets.AddHandler(Handler<V1Secret>(VolumeSourceKind.Secret));
    }

    private ResourceEventHandler<T> Handler<T>(VolumeSourceKind kind)
        where T : IKubernetesObject<V1ObjectMeta> => new(
            onAdd: obj => Notify(kind, obj),
            onUpdate: (old, updated) =>
            {
                if (old.Metadata?.ResourceVersion != updated.Metadata?.ResourceVersion)
                {
                    Notify(kind, updated);
                }
            },
            onDelete: obj => Notify(kind, obj));

    private void Notify<T>(VolumeSourceKind kind, T obj)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var key = new VolumeSourceRef(kind, obj.Metadata?.NamespaceProperty ?? string.Empty, obj.Metadata?.Name ?? string.Empty);
        foreach (var pod in index.PodsReferencing(key))
        {
            resync(pod);
        }
    }
}
