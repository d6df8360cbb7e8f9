using k8s.Models;
using Orchestrator.Kubelet.Runtime.Cri.Api;
using Orchestrator.Kubelet.EnvVars;
using Orchestrator.Kubelet.Volumes;
using Orchestrator.Kubelet.Tests.Volumes;
using Orchestrator.Kubelet.Runtime.Cri;

namespace Orchestrator.Kubelet.Tests.Runtime.Cri;

public sealed class ContainerMountsTests : IAsyncLifetime
{
    private readonly VolumeManagerFixture _f = new();
    private V1Pod _pod = null!;
    private PodVolumes _volumes = null!;

    public async Task InitializeAsync()
    {
        _f.Sources.ConfigMap("ns", "cfg", new() { ["app.conf"] = "conf" });
        _pod = VolumeManagerFixture.Pod(
            "u1",
            Specs.EmptyDir("scratch"),
            Specs.ConfigMap("cfg", "cfg"),
            Specs.DownwardApi("info", Specs.Field("name", "metadata.name")));
        _volumes = await _f.Manager.SetUpAsync(_pod, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public void Whole_volumes_mount_with_read_only_forced_for_projected_kinds()
    {
        var mounts = For(
            Specs.Mount("scratch", "/data"),
            Specs.Mount("scratch", "/ro", readOnly: true),
            Specs.Mount("cfg", "/etc/app", readOnly: false),
            Specs.Mount("info", "/info", propagation: "None"),
            Specs.Mount("scratch", "/shared", propagation: "HostToContainer"));

        Assert.Equal(
            [
                new ContainerMount(_volumes.HostPaths["scratch"], "/data", false),
                new ContainerMount(_volumes.HostPaths["scratch"], "/ro", true),
                new ContainerMount(_volumes.HostPaths["cfg"], "/etc/app", true),
                new ContainerMount(_volumes.HostPaths["info"], "/info", true),
                new ContainerMount(_volumes.HostPaths["scratch"], "/shared", false, "HostToContainer"),
            ],
            mounts);
    }

    [Theory]
    [InlineData(null, MountPropagation.PropagationPrivate)]
    [InlineData("HostToContainer", MountPropagation.PropagationHostToContainer)]
    [InlineData("Bidirectional", MountPropagation.PropagationBidirectional)]
    public void Converts_to_cri_mounts(string? propagation, MountPropagation expected) =>
        Assert.Equal(
            new Mount { HostPath = "/h", ContainerPath = "/c", Readonly = true, Propagation = expected },
            new ContainerMount("/h", "/c", true, propagation).ToCri());

    [Fact]
    public void SubPath_in_emptyDir_is_created_as_a_directory_with_the_volume_mode()
    {
        var mount = Assert.Single(For(Specs.Mount("scratch", "/logs", subPath: "logs/app")));
        var expected = Path.Join(_volumes.HostPaths["scratch"], "logs", "app");
        Assert.Equal(new ContainerMount(expected, "/logs", false), mount);
        Assert.True(Directory.Exists(expected));
        Assert.Equal((UnixFileMode)Convert.ToInt32("777", 8), UnixFiles.GetMode(expected));
    }

    [Fact]
    public void SubPath_of_a_configMap_key_resolves_to_the_file_in_the_data_dir()
    {
        var mount = Assert.Single(For(Specs.Mount("cfg", "/etc/app.conf", subPath: "app.conf")));
        var dir = _volumes.HostPaths["cfg"];
        Assert.Equal(Path.Join(dir, new FileInfo(Path.Join(dir, "..data")).LinkTarget, "app.conf"), mount.HostPath);
        Assert.True(mount.ReadOnly);
        Assert.Equal("conf", File.ReadAllText(mount.HostPath));
    }

    [Fact]
    public void SubPathExpr_expands_the_container_environment()
    {
        var env = new List<KeyValuePair<string, string>> { new("POD_NAME", "web-0") };
        var mount = Assert.Single(ContainerMounts.For(Container(Specs.Mount("scratch", "/out", subPathExpr: "pods/$(POD_NAME)")), _pod, _volumes, env));
        Assert.Equal(Path.Join(_volumes.HostPaths["scratch"], "pods", "web-0"), mount.HostPath);
    }

    [Theory]
    [InlineData("nope", null, null, "cannot find volume \"nope\" to mount into container \"app\"")]
    [InlineData("scratch", "/abs", null, "error SubPath `/abs` must not be an absolute path")]
    [InlineData("scratch", "a/../../b", null, "unable to provision SubPath `a/../../b`: must not contain '..'")]
    [InlineData("scratch", null, "$(MISSING)/$(EMPTY)", "missing value for EMPTY, MISSING")]
    [InlineData("scratch", "escape/etc", null, "subpath \"/etc\" not within volume path")]
    public void Invalid_mounts_fail_with_upstream_messages(string volume, string? subPath, string? subPathExpr, string message)
    {
        File.CreateSymbolicLink(Path.Join(_volumes.HostPaths["scratch"], "escape"), "/");
        var env = new List<KeyValuePair<string, string>> { new("EMPTY", "") };
        var e = Assert.Throws<ContainerConfigException>(() =>
            ContainerMounts.For(Container(Specs.Mount(volume, "/m", subPath: subPath, subPathExpr: subPathExpr)), _pod, _volumes, env));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    private IReadOnlyList<ContainerMount> For(params V1VolumeMount[] mounts) => ContainerMounts.For(Container(mounts), _pod, _volumes);

    private static V1Container Container(params V1VolumeMount[] mounts) => new() { Name = "app", VolumeMounts = mounts };
}
