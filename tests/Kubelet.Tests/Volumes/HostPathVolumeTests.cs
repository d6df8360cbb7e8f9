using System.Net.Sockets;
using k8s.Models;
using Orchestrator.Kubelet.Volumes;

namespace Orchestrator.Kubelet.Tests.Volumes;

public sealed class HostPathVolumeTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);

    public HostPathVolumeTests()
    {
        Directory.CreateDirectory(_dir.Join("dir"));
        File.WriteAllText(_dir.Join("file"), "x");
        _socket.Bind(new UnixDomainSocketEndPoint(_dir.Join("sock")));
        File.CreateSymbolicLink(_dir.Join("link-to-dir"), _dir.Join("dir"));
    }

    public static TheoryData<string, string, string?> Cases => new()
    {
        { "", "missing", null },
        { "", "file", null },
        { "Directory", "dir", null },
        { "Directory", "link-to-dir", null },
        { "Directory", "file", "is not a directory" },
        { "Directory", "missing", "is not a directory" },
        { "DirectoryOrCreate", "dir", null },
        { "DirectoryOrCreate", "file", "is not a directory" },
        { "File", "file", null },
        { "File", "dir", "is not a file" },
        { "File", "sock", "is not a file" },
        { "FileOrCreate", "file", null },
        { "FileOrCreate", "dir", "is not a file" },
        { "Socket", "sock", null },
        { "Socket", "file", "is not a socket file" },
        { "CharDevice", "/dev/null", null },
        { "CharDevice", "file", "is not a character device" },
        { "BlockDevice", "/dev/loop0", null },
        { "BlockDevice", "/dev/null", "is not a block device" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Checks_types_like_upstream(string type, string name, string? problem)
    {
        var path = name.StartsWith('/') ? name : _dir.Join(name);
        var source = new V1HostPathVolumeSource { Path = path, Type = type };
        if (problem is null)
        {
            Assert.Equal(path, HostPathVolume.SetUp(source));
        }
        else
        {
            Assert.Equal($"hostPath type check failed: {path} {problem}", Assert.Throws<VolumeSetupException>(() => HostPathVolume.SetUp(source)).Message);
        }
    }

    [Fact]
    public void OrCreate_types_create_a_0755_directory_with_parents_and_a_0644_file_but_not_its_parent()
    {
        var dir = _dir.Join("a", "b", "c");
        Assert.Equal(dir, HostPathVolume.SetUp(Specs.HostPath("h", dir, "DirectoryOrCreate").HostPath));
        Assert.Equal((UnixFileMode)Convert.ToInt32("755", 8), UnixFiles.GetMode(dir));

        var file = _dir.Join("dir", "new.txt");
        Assert.Equal(file, HostPathVolume.SetUp(Specs.HostPath("h", file, "FileOrCreate").HostPath));
        Assert.True(File.Exists(file));
        Assert.Equal((UnixFileMode)Convert.ToInt32("644", 8), UnixFiles.GetMode(file) & (UnixFileMode)Convert.ToInt32("644", 8));

        var orphan = _dir.Join("no-parent", "f");
        Assert.Equal($"open {orphan}: no such file or directory", Assert.Throws<VolumeSetupException>(() => HostPathVolume.SetUp(Specs.HostPath("h", orphan, "FileOrCreate").HostPath)).Message);
    }

    [Fact]
    public void Unknown_type_is_rejected() =>
        Assert.Equal("Fifo is an invalid volume type", Assert.Throws<VolumeSetupException>(() => HostPathVolume.SetUp(Specs.HostPath("h", _dir.Path, "Fifo").HostPath)).Message);

    [Fact]
    public async Task HostPath_volumes_are_used_in_place()
    {
        await using var f = new VolumeManagerFixture();
        var pod = VolumeManagerFixture.Pod("u1", Specs.HostPath("h", _dir.Join("dir"), "Directory"));
        var volumes = await f.Manager.SetUpAsync(pod, CancellationToken.None);
        Assert.Equal(_dir.Join("dir"), volumes.HostPaths["h"]);
        await f.Manager.TearDownAsync("u1", CancellationToken.None);
        Assert.True(Directory.Exists(_dir.Join("dir")));
    }

    public void Dispose()
    {
        _socket.Dispose();
        _dir.Dispose();
    }
}
