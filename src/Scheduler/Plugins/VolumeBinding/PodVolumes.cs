namespace Orchestrator.Scheduler.Plugins.VolumeBinding;

/// <summary>Upstream's PodVolumes for one node: the static volumes chosen for the pod's unbound claims, and the claims to provision there.</summary>
internal sealed record PodVolumes(
    IReadOnlyList<(V1PersistentVolumeClaim Claim, V1PersistentVolume Volume)> StaticBindings,
    IReadOnlyList<V1PersistentVolumeClaim> Provisions)
{
    public bool IsEmpty => StaticBindings.Count == 0 && Provisions.Count == 0;
}
