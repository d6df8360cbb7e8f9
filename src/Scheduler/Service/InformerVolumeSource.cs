using Orchestrator.Client;
using Orchestrator.Scheduler.Plugins.VolumeBinding;

namespace Orchestrator.Scheduler.Service;

/// <summary>The VolumeBinding plugin's view of storage: the scheduler's shared informers, and its client for PreBind's writes.</summary>
internal sealed class InformerVolumeSource : IVolumeBindingSource
{
    private readonly IKubernetes _client;
    private readonly IInformer<V1PersistentVolumeClaim> _claims;
    private readonly IInformer<V1PersistentVolume> _volumes;
    private readonly IInformer<V1StorageClass> _classes;
    private TaskCompletionSource _change = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public InformerVolumeSource(IKubernetes client, IInformer<V1PersistentVolumeClaim> claims, IInformer<V1PersistentVolume> volumes, IInformer<V1StorageClass> classes)
    {
        _client = client;
        _claims = claims;
        _volumes = volumes;
        _classes = classes;
        claims.AddHandler(ResourceEventHandler<V1PersistentVolumeClaim>.ForEach(_ => Changed()));
        volumes.AddHandler(ResourceEventHandler<V1PersistentVolume>.ForEach(_ => Changed()));
    }

    public Task NextChange => Volatile.Read(ref _change).Task;

    public V1PersistentVolumeClaim? GetClaim(string @namespace, string name) => _claims.Cache.Get(new NamespacedName(@namespace, name));

    public V1PersistentVolume? GetVolume(string name) => _volumes.Cache.Get(new NamespacedName(string.Empty, name));

    public IReadOnlyList<V1PersistentVolume> ListVolumes() => _volumes.Cache.List();

    public V1StorageClass? GetClass(string name) => _classes.Cache.Get(new NamespacedName(string.Empty, name));

    public Task UpdateVolumeAsync(V1PersistentVolume volume, CancellationToken ct) =>
        _client.CoreV1.ReplacePersistentVolumeAsync(volume, volume.Metadata.Name, cancellationToken: ct);

    public Task<V1PersistentVolumeClaim> UpdateClaimAsync(V1PersistentVolumeClaim claim, CancellationToken ct) =>
        _client.CoreV1.ReplaceNamespacedPersistentVolumeClaimAsync(claim, claim.Metadata.Name, claim.Metadata.NamespaceProperty, cancellationToken: ct);

    private void Changed() =>
        Interlocked.Exchange(ref _change, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
