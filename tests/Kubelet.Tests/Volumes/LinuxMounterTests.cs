using Orchestrator.Kubelet.Volumes;

namespace Orchestrator.Kubelet.Tests.Volumes;

public sealed class LinuxMounterTests
{
    [Fact]
    public async Task Mounts_a_sized_tmpfs_sees_it_through_symlinks_and_escaped_names_and_unmounts_it()
    {
        using var dir = new TempDir();
        var target = dir.Join("dir with space");
        Directory.CreateDirectory(target);
        var link = dir.Join("link");
        File.CreateSymbolicLink(link, target);
        var mounter = new LinuxMounter();
        Assert.False(mounter.IsMountPoint(target));

        await mounter.MountTmpfsAsync(link, 1024 * 1024, CancellationToken.None);
        try
        {
            Assert.True(mounter.IsMountPoint(target));
            Assert.True(mounter.IsMountPoint(link));
            Assert.False(mounter.IsMountPoint(dir.Path));
            Assert.Contains(File.ReadLines("/proc/self/mountinfo"), l => l.Contains("dir\\040with\\040space", StringComparison.Ordinal) && l.Contains("size=1024k", StringComparison.Ordinal));
        }
        finally
        {
            await mounter.UnmountAsync(target, CancellationToken.None);
        }

        Assert.False(mounter.IsMountPoint(target));
        var e = await Assert.ThrowsAsync<IOException>(() => mounter.UnmountAsync(target, CancellationToken.None));
        Assert.Contains("umount", e.Message, StringComparison.Ordinal);
    }
}
