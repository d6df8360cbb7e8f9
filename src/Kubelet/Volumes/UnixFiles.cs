namespace Orchestrator.Kubelet.Volumes;

/// <summary>File modes, which volumes set exactly (not masked by the umask), and rename(2); Linux only, as the volume code is.</summary>
internal static partial class UnixFiles
{
    public static UnixFileMode GetMode(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            throw Unsupported();
        }

        return File.GetUnixFileMode(path);
    }

    /// <summary>Sets the mode exactly, whatever the process umask.</summary>
    public static void SetMode(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw Unsupported();
        }

        File.SetUnixFileMode(path, mode);
    }

    /// <summary>Creates the directory and its missing parents, and gives the directory exactly <paramref name="mode"/>.</summary>
    public static void CreateDirectory(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw Unsupported();
        }

        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, mode);
    }

    /// <summary>Creates an empty file that must not exist yet, with <paramref name="mode"/> (masked by the umask, as open(2) does).</summary>
    public static void CreateFile(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw Unsupported();
        }

        using var _ = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode });
    }

    /// <summary>
    /// rename(2): atomically replaces <paramref name="to"/>, also when both are symlinks to
    /// directories (File.Move refuses a source that is not a regular file).
    /// </summary>
    public static void Rename(string from, string to)
    {
        if (RenameNative(from, to) != 0)
        {
            throw new IOException($"rename {from} {to}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
    }

    /// <summary>lchown(2) of the group only: a symlink itself, not its target.</summary>
    public static void ChangeGroup(string path, long gid)
    {
        if (LchownNative(path, uint.MaxValue, checked((uint)gid)) != 0)
        {
            throw new IOException($"lchown {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
    }

    private static PlatformNotSupportedException Unsupported() => new("pod volumes are supported on Linux only");

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameNative(string from, string to);

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LchownNative(string path, uint owner, uint group);
}
