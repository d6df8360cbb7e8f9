namespace Orchestrator.Kubelet.Storage.LocalPath;

/// <summary>Create <paramref name="Directory"/>, then the PersistentVolume <paramref name="Volume"/> pre-bound to <paramref name="Claim"/>.</summary>
internal sealed record ProvisionVolume(V1PersistentVolumeClaim Claim, V1PersistentVolume Volume, string Directory);
