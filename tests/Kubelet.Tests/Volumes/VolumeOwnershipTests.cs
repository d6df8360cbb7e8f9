using k8s.Models;
using Orchestrator.Kubelet.Volumes;

namespace Orchestrator.Kubelet.Tests.Volumes;

public sealed class VolumeOwnershipTests
{
    private const long FsGroup = 2345;

    [Fact]
    public async Task FsGroup_owns_secret_files_read_only_and_emptyDir_read_write_with_setgid_directories()
    {
        await using var f = new VolumeManagerFixture();
        f.Sources.Secret("ns", "creds", new() { ["key"] = [1, 2, 3] });
        var pod = VolumeManagerFixture.Pod("u1", Specs.Secret("s", "creds", defaultMode: Specs.Octal("400")), Specs.EmptyDir("scratch"));
        pod.Spec.SecurityContext = new V1PodSecurityContext { FsGroup = FsGroup };

        var volumes = await f.Manager.SetUpAsync(pod, CancellationToken.None);

        var secret = volumes.HostPaths["s"];
        var file = Path.Join(secret, "..data", "key");
        Assert.Equal(FsGroup, FileTypes.GroupOf(file));
        Assert.Equal((UnixFileMode)Specs.Octal("440"), UnixFiles.GetMode(file));
        Assert.Equal((UnixFileMode)Specs.Octal("2755"), UnixFiles.GetMode(Path.Join(secret, "..data")));
        var scratch = volumes.HostPaths["scratch"];
        Assert.Equal(FsGroup, FileTypes.GroupOf(scratch));
        Assert.Equal((UnixFileMode)Specs.Octal("2777"), UnixFiles.GetMode(scratch));

        var data = new FileInfo(Path.Join(secret, "..data")).LinkTarget;
        f.Time.Advance(TimeSpan.FromMinutes(1));
        await f.Manager.SetUpAsync(pod, CancellationToken.None); // the group bits added do not make the secret look changed
        Assert.Equal(data, new FileInfo(Path.Join(secret, "..data")).LinkTarget);
    }

    [Fact]
    public void Symlinks_are_not_followed_and_OnRootMismatch_skips_a_matching_root()
    {
        using var dir = new TempDir();
        var outside = dir.Join("outside");
        File.WriteAllText(outside, "host file");
        UnixFiles.SetMode(outside, (UnixFileMode)Specs.Octal("600"));
        var volume = dir.Join("volume");
        Directory.CreateDirectory(Path.Join(volume, "sub"));
        File.WriteAllText(Path.Join(volume, "sub", "inside"), "x");
        File.CreateSymbolicLink(Path.Join(volume, "escape"), outside);

        UnixFiles.ChangeGroup(volume, FsGroup);
        UnixFiles.SetMode(volume, (UnixFileMode)Specs.Octal("2770"));
        VolumeOwnership.Apply(volume, FsGroup, readOnly: false, "OnRootMismatch");
        Assert.Equal(0u, FileTypes.GroupOf(Path.Join(volume, "sub", "inside")));

        VolumeOwnership.Apply(volume, FsGroup, readOnly: false, "Always");
        Assert.Equal(FsGroup, FileTypes.GroupOf(Path.Join(volume, "sub", "inside")));
        Assert.Equal(FsGroup, FileTypes.GroupOf(Path.Join(volume, "sub")));
        Assert.Equal(0u, FileTypes.GroupOf(outside));
        Assert.Equal((UnixFileMode)Specs.Octal("600"), UnixFiles.GetMode(outside));
    }
}
