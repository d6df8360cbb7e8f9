using Orchestrator.ApiMachinery.Resources;

namespace Orchestrator.Kubelet.Volumes;

/// <summary>
/// Upstream's emptyDir: a directory of mode 0777 on the node's disk, or (medium Memory) a tmpfs
/// mounted on it, sized by sizeLimit when given. Also the backing of configMap and downwardAPI
/// (disk) and secret and projected (memory) volumes, as upstream wraps them.
/// </summary>
internal static class EmptyDirVolume
{
    public const string MemoryMedium = "Memory";
    private const UnixFileMode AllAccess = (UnixFileMode)0b111_111_111;

    /// <summary>Creates (and mounts) the directory when needed; returns whether it did anything, i.e. the volume is new.</summary>
    public static async Task<bool> SetUpAsync(string dir, string? medium, ResourceQuantity? sizeLimit, IMounter mounter, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(medium) && medium != MemoryMedium)
        {
            throw new VolumeSetupException($"emptyDir medium \"{medium}\" is not supported by this kubelet (only \"\" and \"Memory\" are)");
        }

        var created = false;
        if (!Directory.Exists(dir))
        {
            UnixFiles.CreateDirectory(dir, AllAccess); // mkdir applies the umask
            created = true;
        }

        if (medium == MemoryMedium && !mounter.IsMountPoint(dir))
        {
            created = true;
            var size = sizeLimit is { } limit && limit.ToDecimal() > 0 ? QuantityValues.Value(limit) : (long?)null;
            try
            {
                await mounter.MountTmpfsAsync(dir, size, ct);
            }
            catch (IOException e)
            {
                throw new VolumeSetupException($"mount tmpfs on {dir}: {e.Message}", e);
            }
        }

        return created;
    }
}
