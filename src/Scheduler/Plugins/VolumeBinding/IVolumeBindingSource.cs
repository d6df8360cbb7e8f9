namespace Orchestrator.Scheduler.Plugins.VolumeBinding;

/// <summary>
/// What the VolumeBinding plugin reads and writes: claims, volumes and classes as the scheduler's informers
/// hold them (reads are cheap, thread-safe and may lag the API server), and the two writes of its PreBind.
/// </summary>
public interface IVolumeBindingSource
{
    V1PersistentVolumeClaim? GetClaim(string @namespace, string name);

    V1PersistentVolume? GetVolume(string name);

    IReadOnlyList<V1PersistentVolume> ListVolumes();

    V1StorageClass? GetClass(string name);

    /// <summary>Completes at the next change of a claim or volume the reads see (PreBind looks again then, not at its next poll).</summary>
    Task NextChange { get; }

    /// <summary>Writes the volume (a claimRef set by the scheduler); fails on a stale resourceVersion.</summary>
    Task UpdateVolumeAsync(V1PersistentVolume volume, CancellationToken ct);

    /// <summary>
    /// Writes the claim (the selected-node annotation); fails on a stale resourceVersion. Returns the claim as
    /// written, which the informers may not hold yet.
    /// </summary>
    Task<V1PersistentVolumeClaim> UpdateClaimAsync(V1PersistentVolumeClaim claim, CancellationToken ct);
}
