namespace Orchestrator.Scheduler.Plugins.VolumeBinding;

/// <summary>The source of a framework built without storage informers (plugin tests): it knows no claim, so a pod with one is unschedulable.</summary>
internal sealed class NoVolumes : IVolumeBindingSource
{
    public static NoVolumes Instance { get; } = new();

    public V1PersistentVolumeClaim? GetClaim(string @namespace, string name) => null;

    public V1PersistentVolume? GetVolume(string name) => null;

    public IReadOnlyList<V1PersistentVolume> ListVolumes() => [];

    public V1StorageClass? GetClass(string name) => null;

    public Task NextChange { get; } = new TaskCompletionSource().Task;

    public Task UpdateVolumeAsync(V1PersistentVolume volume, CancellationToken ct) =>
        throw new InvalidOperationException("this scheduler has no storage informers");

    public Task<V1PersistentVolumeClaim> UpdateClaimAsync(V1PersistentVolumeClaim claim, CancellationToken ct) =>
        throw new InvalidOperationException("this scheduler has no storage informers");
}
