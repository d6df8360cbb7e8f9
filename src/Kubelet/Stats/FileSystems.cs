namespace Orchestrator.Kubelet.Stats;

/// <summary>Sizes of the filesystem holding a path (statfs through <see cref="DriveInfo"/>) and of a directory's files.</summary>
internal static class FileSystems
{
    /// <summary>Capacity, available and used bytes of the filesystem holding <paramref name="path"/>; null when it cannot be read.</summary>
    public static FsStatsSample? Of(string path, DateTimeOffset now)
    {
        try
        {
            var drive = new DriveInfo(path);
            var total = (ulong)drive.TotalSize;
            var free = (ulong)drive.TotalFreeSpace;
            return new FsStatsSample(now, total, (ulong)drive.AvailableFreeSpace, total > free ? total - free : 0);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The bytes of the files under <paramref name="directory"/> (0 when it does not exist).</summary>
    public static ulong DirectoryBytes(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        ulong total = 0;
        try
        {
            foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories))
            {
                total += (ulong)file.Length;
            }
        }
        catch (IOException)
        {
            // A log rotated away while counting: the next round counts again.
        }

        return total;
    }
}
