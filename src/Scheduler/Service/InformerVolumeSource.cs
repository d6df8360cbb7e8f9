using k8s;
using Orchestrator.Client;
using Orchestrator.Scheduler.Plugins.VolumeBinding;

namespace Orchestrator.Scheduler.Service;

/// <summary>The VolumeBinding plugin's view of storage: the scheduler's shared informers, and its client for PreBind's writes.</summary>
internal sealed class InformerVolumeSource(
    IKubernetes client, IInformer<V1PersistentVolumeClaim> claims, IInformer<V1PersistentVolume> volumes, IInformer<V1StorageClass> classes) : IVolumeBindingSource
{
    public V1PersistentVolumeClaim? GetClaim(string @namespace, string name) => claims.Cache.Get(new NamespacedName(@namespace, name));

    public V1PersistentVolume? GetVolume(string name) => volumes.Cache.Get(new NamespacedName(string.Empty, name));

    public IReadOnlyList<V1PersistentVolume> ListVolumes() => volumes.Cache.List();

    public V1StorageClass? GetClass(string name) => classes.Cache.Get(new NamespacedName(string.Empty, name));

    public Task UpdateVolumeAsync(V1PersistentVolume volume, CancellationToken ct) =>
        client.CoreV1.ReplacePersistentVolumeAsync(volume, volume.Metadata.Name, cancellationToken: ct);

    public Task<V1PersistentVolumeClaim> UpdateClaimAsync(V1PersistentVolumeClaim claim, CancellationToken ct) =>
        client.CoreV1.ReplaceNamespacedPersistentVolumeClaimAsync(claim, claim.Metadata.Name, claim.Metadata.NamespaceProperty, cancellationToken: ct);
}
