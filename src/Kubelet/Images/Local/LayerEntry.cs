namespace Orchestrator.Kubelet.Images.Local;

/// <summary>One entry of an image layer: a directory, a regular file (with its bytes) or a symbolic link.</summary>
public sealed record LayerEntry(string Path, LayerEntryKind Kind, UnixFileMode Mode, byte[]? Content = null, string? LinkTarget = null)
{
    public const UnixFileMode DirectoryMode = (UnixFileMode)0b111_101_101;
    public const UnixFileMode ExecutableMode = (UnixFileMode)0b111_101_101;
    public const UnixFileMode FileMode = (UnixFileMode)0b110_100_100;

    public static LayerEntry Directory(string path, UnixFileMode mode = DirectoryMode) => new(path, LayerEntryKind.Directory, mode);

    public static LayerEntry File(string path, byte[] content, UnixFileMode mode = FileMode) => new(path, LayerEntryKind.File, mode, content);

    public static LayerEntry Symlink(string path, string target) => new(path, LayerEntryKind.Symlink, (UnixFileMode)0b111_111_111, LinkTarget: target);
}
