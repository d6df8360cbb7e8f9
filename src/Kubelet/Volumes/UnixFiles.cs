namespace Orchestrator.Kubelet.Volumes;

/// <summary>File modes, which volumes set exactly (not masked by the umask); Linux only, as the volume code is.</summary>
internal static class UnixFiles
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

    private static PlatformNotSupportedException Unsupported() => new("pod volumes are supported on Linux only");
}
