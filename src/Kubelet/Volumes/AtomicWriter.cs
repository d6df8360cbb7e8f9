namespace Orchestrator.Kubelet.Volumes;

/// <summary>
/// Upstream's AtomicWriter: the files of a configMap, secret, downwardAPI or projected volume are
/// written into a new timestamped directory <c>..2006_01_02_15_04_05.NNN</c>; the <c>..data</c>
/// symlink is swapped to it by renaming <c>..data_tmp</c> over it (atomic), so a reader sees either
/// the old or the new set, never a mix. User-visible names are symlinks <c>key -> ..data/key</c>
/// (one per top-level path component). Nothing is written when contents and modes are unchanged.
/// Not thread-safe per target directory: the pod worker serialises calls for one pod.
/// </summary>
internal static class AtomicWriter
{
    public const string DataDirName = "..data";
    private const string NewDataDirName = "..data_tmp";
    private const int MaxFileNameLength = 255;
    private const int MaxPathLength = 4096;
    private const UnixFileMode DirMode = (UnixFileMode)0b111_101_101; // 0755

    /// <summary>Writes the payload into <paramref name="targetDir"/> (which must exist); returns whether anything changed.</summary>
    public static bool Write(string targetDir, IReadOnlyDictionary<string, FileProjection> payload, TimeProvider time)
    {
        var clean = Validate(payload);
        var dataDir = Path.Join(targetDir, DataDirName);
        var oldTsDir = new FileInfo(dataDir).LinkTarget;
        var oldTsPath = oldTsDir is null ? null : Path.Join(targetDir, oldTsDir);
        var toRemove = new HashSet<string>(StringComparer.Ordinal);
        if (oldTsPath is not null)
        {
            toRemove = PathsToRemove(clean, oldTsPath);
            if (toRemove.Count == 0 && !ShouldWrite(clean, oldTsPath))
            {
                return false;
            }
        }

        var tsDir = NewTimestampDir(targetDir, time);
        try
        {
            WritePayload(clean, tsDir);
            CreateUserVisibleFiles(clean, targetDir);
            var newDataDir = Path.Join(targetDir, NewDataDirName);
            File.Delete(newDataDir); // a leftover of a crash between symlink and rename
            File.CreateSymbolicLink(newDataDir, Path.GetFileName(tsDir));
            UnixFiles.Rename(newDataDir, dataDir); // atomic
        }
        catch
        {
            Directory.Delete(tsDir, recursive: true);
            throw;
        }

        foreach (var path in toRemove.Where(p => !p.Contains('/', StringComparison.Ordinal)))
        {
            File.Delete(Path.Join(targetDir, path)); // a user-visible symlink to a path that is gone
        }

        if (oldTsPath is not null && Directory.Exists(oldTsPath))
        {
            Directory.Delete(oldTsPath, recursive: true);
        }

        return true;
    }

    /// <summary>Upstream's validatePath: relative, no '..' element, not starting with '..', bounded lengths; paths are cleaned.</summary>
    private static Dictionary<string, FileProjection> Validate(IReadOnlyDictionary<string, FileProjection> payload)
    {
        var clean = new Dictionary<string, FileProjection>(StringComparer.Ordinal);
        foreach (var (path, file) in payload)
        {
            if (path.Length == 0)
            {
                throw new VolumeSetupException("invalid path: must not be empty: \"\"");
            }

            if (Path.IsPathRooted(path))
            {
                throw new VolumeSetupException($"invalid path: must be relative path: {path}");
            }

            if (path.Length > MaxPathLength)
            {
                throw new VolumeSetupException($"invalid path: must be less than or equal to {MaxPathLength} characters");
            }

            var items = path.Split('/');
            if (items.Contains(".."))
            {
                throw new VolumeSetupException($"invalid path: must not contain '..': {path}");
            }

            if (items.Any(i => i.Length > MaxFileNameLength))
            {
                throw new VolumeSetupException($"invalid path: filenames must be less than or equal to {MaxFileNameLength} characters");
            }

            if (items[0].StartsWith("..", StringComparison.Ordinal) && items[0].Length > 2)
            {
                throw new VolumeSetupException($"invalid path: must not start with '..': {path}");
            }

            clean[string.Join('/', items.Where(i => i.Length > 0 && i != "."))] = file;
        }

        return clean;
    }

    /// <summary>
    /// Whether a file is missing or its content differs. Modes are not compared, as upstream: a pod's
    /// modes never change (its spec is immutable) and fsGroup ownership adds group bits afterwards.
    /// </summary>
    private static bool ShouldWrite(Dictionary<string, FileProjection> payload, string oldTsPath)
    {
        foreach (var (path, file) in payload)
        {
            var full = Path.Join(oldTsPath, path);
            if (!File.Exists(full) || !File.ReadAllBytes(full).AsSpan().SequenceEqual(file.Data))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What the old data directory holds (files and directories) that neither the payload nor a parent of one of its paths names.</summary>
    private static HashSet<string> PathsToRemove(Dictionary<string, FileProjection> payload, string oldTsPath)
    {
        if (!Directory.Exists(oldTsPath))
        {
            return [];
        }

        var paths = Directory.EnumerateFileSystemEntries(oldTsPath, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(oldTsPath, p))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var file in payload.Keys)
        {
            for (var sub = file; sub.Length > 0; sub = Path.GetDirectoryName(sub) ?? string.Empty)
            {
                paths.Remove(sub);
            }
        }

        return paths;
    }

    private static string NewTimestampDir(string targetDir, TimeProvider time)
    {
        var stamp = time.GetUtcNow().UtcDateTime.ToString("..yyyy_MM_dd_HH_mm_ss.", CultureInfo.InvariantCulture);
        while (true)
        {
            var dir = Path.Join(targetDir, stamp + Random.Shared.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture));
            if (Directory.Exists(dir))
            {
                continue;
            }

            UnixFiles.CreateDirectory(dir, DirMode); // group and other must be able to traverse, whatever the umask
            return dir;
        }
    }

    private static void WritePayload(Dictionary<string, FileProjection> payload, string dir)
    {
        foreach (var (path, file) in payload)
        {
            var full = Path.Join(dir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, file.Data);
            UnixFiles.SetMode(full, Mode(file)); // the exact mode, not mode &^ umask
        }
    }

    private static void CreateUserVisibleFiles(Dictionary<string, FileProjection> payload, string targetDir)
    {
        foreach (var path in payload.Keys)
        {
            var slash = path.IndexOf('/', StringComparison.Ordinal);
            var linkName = slash < 0 ? path : path[..slash];
            var visible = Path.Join(targetDir, linkName);
            if (new FileInfo(visible).LinkTarget is null)
            {
                File.CreateSymbolicLink(visible, Path.Join(DataDirName, linkName));
            }
        }
    }

    private static UnixFileMode Mode(FileProjection file) => (UnixFileMode)(file.Mode & 0b111_111_111);
}
