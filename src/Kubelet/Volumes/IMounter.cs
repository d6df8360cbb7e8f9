namespace Orchestrator.Kubelet.Volumes;

/// <summary>
/// The mount operations volumes need. Thread-safe. The real one (<see cref="LinuxMounter"/>) runs
/// <c>mount</c> and <c>umount</c> and needs root.
/// </summary>
internal interface IMounter
{
    /// <summary>Mounts a tmpfs on the existing directory <paramref name="path"/>, of at most <paramref name="sizeBytes"/> when given.</summary>
    Task MountTmpfsAsync(string path, long? sizeBytes, CancellationToken ct);

    /// <summary>Unmounts what is mounted on <paramref name="path"/>.</summary>
    Task UnmountAsync(string path, CancellationToken ct);

    /// <summary>Whether something is mounted on <paramref name="path"/>.</summary>
    bool IsMountPoint(string path);
}
