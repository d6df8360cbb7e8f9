namespace Orchestrator.Kubelet.Volumes;

/// <summary>
/// Upstream's SetVolumeOwnership for a pod with securityContext.fsGroup: every file and directory of
/// the volume (symlinks not followed) gets the group fsGroup and the group bits rw (ro for read-only
/// volumes); directories also get g+x and setgid so new files inherit the group. With
/// fsGroupChangePolicy OnRootMismatch nothing is walked when the volume's root already matches.
/// </summary>
internal static class VolumeOwnership
{
    private const UnixFileMode ReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite; // 0660
    private const UnixFileMode ReadOnly = UnixFileMode.UserRead | UnixFileMode.GroupRead; // 0440
    private const UnixFileMode Execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute; // 0110

    public static void Apply(string dir, long? fsGroup, bool readOnly, string? changePolicy)
    {
        if (fsGroup is not { } gid || (changePolicy == "OnRootMismatch" && !RequiresChange(dir, gid, readOnly)))
        {
            return;
        }

        Walk(dir, gid, readOnly);
    }

    // Never follows a symlink: one a container made in an emptyDir may point anywhere on the host.
    private static void Walk(string dir, long gid, bool readOnly)
    {
        Change(dir, gid, readOnly, isDirectory: true);
        foreach (var path in Directory.EnumerateFileSystemEntries(dir))
        {
            if (new FileInfo(path).LinkTarget is not null)
            {
                UnixFiles.ChangeGroup(path, gid); // and no chmod, which would change the target's mode
            }
            else if (Directory.Exists(path))
            {
                Walk(path, gid, readOnly);
            }
            else
            {
                Change(path, gid, readOnly, isDirectory: false);
            }
        }
    }

    private static void Change(string path, long gid, bool readOnly, bool isDirectory)
    {
        UnixFiles.ChangeGroup(path, gid);
        var mask = readOnly ? ReadOnly : ReadWrite;
        if (isDirectory)
        {
            mask |= UnixFileMode.SetGroup | Execute;
        }

        UnixFiles.SetMode(path, UnixFiles.GetMode(path) | mask);
    }

    private static bool RequiresChange(string dir, long gid, bool readOnly)
    {
        if (FileTypes.GroupOf(dir) != gid)
        {
            return true;
        }

        var required = (readOnly ? ReadOnly : ReadWrite) | Execute | UnixFileMode.SetGroup;
        return (UnixFiles.GetMode(dir) & required) != required;
    }
}
