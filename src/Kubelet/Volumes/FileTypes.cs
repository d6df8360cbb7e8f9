namespace Orchestrator.Kubelet.Volumes;

/// <summary>
/// The type and group of a file, following symlinks, from statx(2) (whose layout is the same on
/// every architecture): .NET tells directories from other files but not sockets and devices, and
/// has no group id.
/// </summary>
internal static partial class FileTypes
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 1;
    private const uint StatxGid = 0x10;
    private const int ENOENT = 2;
    private const int ENOTDIR = 20;

    public static FileKind Of(string path)
    {
        var buffer = new byte[256];
        if (Statx(AtFdCwd, path, 0, StatxType, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is ENOENT or ENOTDIR ? FileKind.Missing : throw new IOException($"stat {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        var mode = BitConverter.ToUInt16(buffer, 28); // struct statx: stx_mode follows mask, blksize, attributes, nlink, uid, gid
        return (mode & 0xF000) switch
        {
            0x4000 => FileKind.Directory,
            0x8000 => FileKind.File,
            0xC000 => FileKind.Socket,
            0x2000 => FileKind.CharDevice,
            0x6000 => FileKind.BlockDevice,
            _ => FileKind.Other,
        };
    }

    /// <summary>The file's group id.</summary>
    public static uint GroupOf(string path)
    {
        var buffer = new byte[256];
        if (Statx(AtFdCwd, path, 0, StatxGid, buffer) != 0)
        {
            throw new IOException($"stat {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        return BitConverter.ToUInt32(buffer, 24); // stx_gid
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, [Out] byte[] buffer);
}
