namespace Orchestrator.Kubelet.Storage.LocalPath;

/// <summary>
/// A released volume of this node with reclaim policy Delete: remove <paramref name="Directory"/>, then the
/// PersistentVolume. With <paramref name="Error"/> set nothing is removed (the volume's path is not one this
/// provisioner made) and the error goes into a VolumeFailedDelete event.
/// </summary>
internal sealed record DeleteVolume(V1PersistentVolume Volume, string? Directory, string? Error = null);
