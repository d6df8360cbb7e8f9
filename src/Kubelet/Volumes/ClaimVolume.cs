namespace Orchestrator.Kubelet.Volumes;

/// <summary>A persistentVolumeClaim volume resolved to its bound PersistentVolume (<see cref="PersistentVolumeClaimVolume.ResolveAsync"/>).</summary>
internal sealed record ClaimVolume(V1PersistentVolumeClaim Claim, V1PersistentVolume Volume, bool ReadOnly);
