namespace Orchestrator.Kubelet.Volumes;

/// <summary>
/// Upstream's hostPath type checks: "" checks nothing; DirectoryOrCreate and FileOrCreate create
/// what is missing (a directory 0755 with its parents; a file 0644, not its parent directory);
/// Directory, File, Socket, CharDevice and BlockDevice must already be that.
/// </summary>
internal static class HostPathVolume
{
    public static string SetUp(V1HostPathVolumeSource source)
    {
        var path = source.Path;
        var kind = FileTypes.Of(path);
        switch (source.Type ?? string.Empty)
        {
            case "":
                break;
            case "DirectoryOrCreate" when kind == FileKind.Missing:
                UnixFiles.CreateDirectory(path, (UnixFileMode)0b111_101_101);
                break;
            case "DirectoryOrCreate" or "Directory":
                Expect(kind, FileKind.Directory, path, "is not a directory");
                break;
            case "FileOrCreate" when kind == FileKind.Missing:
                CreateFile(path);
                break;
            case "FileOrCreate" or "File":
                Expect(kind, FileKind.File, path, "is not a file");
                break;
            case "Socket":
                Expect(kind, FileKind.Socket, path, "is not a socket file");
                break;
            case "CharDevice":
                Expect(kind, FileKind.CharDevice, path, "is not a character device");
                break;
            case "BlockDevice":
                Expect(kind, FileKind.BlockDevice, path, "is not a block device");
                break;
            default:
                throw new VolumeSetupException($"{source.Type} is an invalid volume type");
        }

        return path;
    }

    private static void Expect(FileKind actual, FileKind expected, string path, string problem)
    {
        if (actual != expected)
        {
            throw new VolumeSetupException($"hostPath type check failed: {path} {problem}");
        }
    }

    private static void CreateFile(string path)
    {
        try
        {
            UnixFiles.CreateFile(path, (UnixFileMode)0b110_100_100);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new VolumeSetupException($"open {path}: no such file or directory", e);
        }
    }
}
