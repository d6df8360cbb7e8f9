using System.Text;
using k8s.Models;
using NSubstitute;
using Orchestrator.Kubelet.Volumes;

namespace Orchestrator.Kubelet.Tests.Volumes;

public sealed class VolumeManagerTests
{
    private const UnixFileMode Mode644 = (UnixFileMode)420;

    [Fact]
    public async Task ConfigMap_volume_is_symlinks_into_a_timestamped_data_dir_with_modes_and_items()
    {
        await using var f = new VolumeManagerFixture();
        f.Sources.ConfigMap("ns", "cfg", new() { ["a.conf"] = "alpha", ["b.conf"] = "beta" }, new() { ["bin"] = [0, 1, 2] });
        var all = VolumeManagerFixture.Pod("u1", Specs.ConfigMap("all", "cfg"));
        var items = VolumeManagerFixture.Pod("u2", Specs.ConfigMap("some", "cfg", [Specs.Item("a.conf", "etc/app/a"), Specs.Item("bin", "b", Specs.Octal("400"))], Specs.Octal("600")));

        var volumes = await f.Manager.SetUpAsync(all, CancellationToken.None);
        await f.Manager.SetUpAsync(items, CancellationToken.None);

        var dir = f.VolumeDir(all, "kubernetes.io~configmap", "all");
        Assert.Equal(dir, volumes.HostPaths["all"]);
        var data = new FileInfo(Path.Join(dir, "..data")).LinkTarget;
        Assert.StartsWith("..2026_01_01_00_00_00.", data, StringComparison.Ordinal);
        Assert.Equal("..data/a.conf", new FileInfo(Path.Join(dir, "a.conf")).LinkTarget);
        Assert.Equal("alpha", await File.ReadAllTextAsync(Path.Join(dir, "a.conf")));
        Assert.Equal("beta", await File.ReadAllTextAsync(Path.Join(dir, "b.conf")));
        Assert.Equal(new byte[] { 0, 1, 2 }, await File.ReadAllBytesAsync(Path.Join(dir, "bin")));
        Assert.Equal(Mode644, UnixFiles.GetMode(Path.Join(dir, data!, "a.conf")));
        Assert.Equal([data!, "..data", "a.conf", "b.conf", "bin"], Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var some = f.VolumeDir(items, "kubernetes.io~configmap", "some");
        Assert.Equal("..data/etc", new FileInfo(Path.Join(some, "etc")).LinkTarget);
        Assert.Equal("alpha", await File.ReadAllTextAsync(Path.Join(some, "etc/app/a")));
        Assert.Equal((UnixFileMode)Convert.ToInt32("600", 8), UnixFiles.GetMode(Path.Join(some, "..data/etc/app/a")));
        Assert.Equal(UnixFileMode.UserRead, UnixFiles.GetMode(Path.Join(some, "..data/b")));
        Assert.False(File.Exists(Path.Join(some, "b.conf")));
    }

    [Fact]
    public async Task ConfigMap_update_swaps_the_data_dir_and_prunes_removed_keys_and_no_change_writes_nothing()
    {
        await using var f = new VolumeManagerFixture();
        f.Sources.ConfigMap("ns", "cfg", new() { ["keep"] = "v1", ["drop"] = "x" });
        var pod = VolumeManagerFixture.Pod("u1", Specs.ConfigMap("v", "cfg"));
        await f.Manager.SetUpAsync(pod, CancellationToken.None);
        var dir = f.VolumeDir(pod, "kubernetes.io~configmap", "v");
        var first = new FileInfo(Path.Join(dir, "..data")).LinkTarget!;

        await f.Manager.SetUpAsync(pod, CancellationToken.None);
        Assert.Equal(first, new FileInfo(Path.Join(dir, "..data")).LinkTarget);

        f.Sources.ConfigMap("ns", "cfg", new() { ["keep"] = "v2", ["new"] = "n" });
        f.Time.Advance(TimeSpan.FromSeconds(61));
        await f.Manager.SetUpAsync(pod, CancellationToken.None);

        var second = new FileInfo(Path.Join(dir, "..data")).LinkTarget!;
        Assert.StartsWith("..2026_01_01_00_01_01.", second, StringComparison.Ordinal);
        Assert.Equal("v2", await File.ReadAllTextAsync(Path.Join(dir, "keep")));
        Assert.Equal("n", await File.ReadAllTextAsync(Path.Join(dir, "new")));
        Assert.False(Path.Exists(Path.Join(dir, "drop")));
        Assert.Null(new FileInfo(Path.Join(dir, "drop")).LinkTarget);
        Assert.False(Directory.Exists(Path.Join(dir, first)));
        Assert.Equal([second, "..data", "keep", "new"], Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Missing_configMap_fails_with_upstream_message_and_a_FailedMount_event_unless_optional()
    {
        await using var f = new VolumeManagerFixture();
        var pod = VolumeManagerFixture.Pod("u1", Specs.ConfigMap("v", "nope"), Specs.EmptyDir("scratch"));

        var e = await Assert.ThrowsAsync<VolumeSetupException>(() => f.Manager.SetUpAsync(pod, CancellationToken.None));

        Assert.Equal("configmap \"nope\" not found", e.Message);
        f.Events.Received(1).Record(pod, "Warning", "FailedMount", "MountVolume.SetUp failed for volume \"v\" : configmap \"nope\" not found");
        Assert.True(Directory.Exists(f.VolumeDir(pod, "kubernetes.io~empty-dir", "scratch"))); // the other volumes are still set up

        var optional = VolumeManagerFixture.Pod("u2", Specs.ConfigMap("v", "nope", optional: true));
        var volumes = await f.Manager.SetUpAsync(optional, CancellationToken.None);
        var dir = volumes.HostPaths["v"];
        Assert.NotNull(new FileInfo(Path.Join(dir, "..data")).LinkTarget);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Join(dir, "..data")));
    }

    [Theory]
    [InlineData("configMap", "configmap references non-existent config key: missing")]
    [InlineData("secret", "references non-existent secret key: missing")]
    public async Task Missing_item_key_fails(string kind, string message)
    {
        await using var f = new VolumeManagerFixture();
        f.Sources.ConfigMap("ns", "x", new() { ["k"] = "v" }).Secret("ns", "x", new() { ["k"] = [1] });
        var items = new List<V1KeyToPath> { Specs.Item("missing", "m") };
        var volume = kind == "configMap" ? Specs.ConfigMap("v", "x", items) : Specs.Secret("v", "x", items);
        var e = await Assert.ThrowsAsync<VolumeSetupException>(() => f.Manager.SetUpAsync(VolumeManagerFixture.Pod("u1", volume), CancellationToken.None));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public async Task Secret_volume_is_a_tmpfs_and_teardown_unmounts_and_removes_everything()
    {
        // stringData never reaches the kubelet: the API server merges it into data (SecretStrategy).
        await using var f = new VolumeManagerFixture();
        f.Sources.Secret("ns", "creds", new() { ["password"] = Encoding.UTF8.GetBytes("new"), ["user"] = Encoding.UTF8.GetBytes("admin") });
        var pod = VolumeManagerFixture.Pod("u1", Specs.Secret("s", "creds", defaultMode: Specs.Octal("440")));

        var volumes = await f.Manager.SetUpAsync(pod, CancellationToken.None);

        var dir = volumes.HostPaths["s"];
        Assert.Equal(f.VolumeDir(pod, "kubernetes.io~secret", "s"), dir);
        Assert.True(new LinuxMounter().IsMountPoint(dir));
        Assert.Equal("new", await File.ReadAllTextAsync(Path.Join(dir, "password")));
        Assert.Equal("admin", await File.ReadAllTextAsync(Path.Join(dir, "user")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead, UnixFiles.GetMode(Path.Join(dir, "..data", "user")));

        await f.Manager.SetUpAsync(pod, CancellationToken.None); // idempotent: not mounted twice
        Assert.Single(File.ReadLines("/proc/self/mountinfo"), l => l.Contains(" " + dir + " ", StringComparison.Ordinal));

        await f.Manager.TearDownAsync("u1", CancellationToken.None);
        Assert.False(new LinuxMounter().IsMountPoint(dir));
        Assert.False(Directory.Exists(Path.Join(f.PodsRoot, "u1")));
        Assert.Empty(f.Manager.PodUidsOnDisk());
        await f.Manager.TearDownAsync("u1", CancellationToken.None); // idempotent
    }

    [Fact]
    public async Task EmptyDir_on_disk_is_world_writable_and_memory_medium_is_a_sized_tmpfs()
    {
        await using var f = new VolumeManagerFixture();
        var pod = VolumeManagerFixture.Pod(
            "u1",
            Specs.EmptyDir("disk"),
            Specs.EmptyDir("mem", "Memory", "2Mi"),
            new V1Volume { Name = "defaulted" });

        var volumes = await f.Manager.SetUpAsync(pod, CancellationToken.None);

        Assert.Equal((UnixFileMode)Convert.ToInt32("777", 8), UnixFiles.GetMode(volumes.HostPaths["disk"]));
        Assert.False(new LinuxMounter().IsMountPoint(volumes.HostPaths["disk"]));
        Assert.Equal(f.VolumeDir(pod, "kubernetes.io~empty-dir", "defaulted"), volumes.HostPaths["defaulted"]);
        var mem = volumes.HostPaths["mem"];
        var line = Assert.Single(File.ReadLines("/proc/self/mountinfo"), l => l.Contains(" " + mem + " ", StringComparison.Ordinal));
        Assert.Contains(" - tmpfs tmpfs ", line, StringComparison.Ordinal);
        Assert.Contains("size=2048k", line, StringComparison.Ordinal);

        await File.WriteAllTextAsync(Path.Join(mem, "data"), "in memory");
        await f.Manager.TearDownAsync("u1", CancellationToken.None);
        Assert.DoesNotContain(File.ReadLines("/proc/self/mountinfo"), l => l.Contains(" " + mem + " ", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Join(f.PodsRoot, "u1")));
    }

    [Fact]
    public async Task DownwardApi_volume_writes_metadata_and_resources()
    {
        await using var f = new VolumeManagerFixture();
        var pod = VolumeManagerFixture.Pod("u1", Specs.DownwardApi(
            "info",
            Specs.Field("labels", "metadata.labels"),
            Specs.Field("name", "metadata.name", Specs.Octal("400")),
            Specs.Resource("mem", "limits.memory", "app", "1Mi"),
            Specs.Resource("cpu", "limits.cpu", "app")));

        var dir = (await f.Manager.SetUpAsync(pod, CancellationToken.None)).HostPaths["info"];

        Assert.Equal(f.VolumeDir(pod, "kubernetes.io~downward-api", "info"), dir);
        Assert.Equal("app=\"web\"", await File.ReadAllTextAsync(Path.Join(dir, "labels")));
        Assert.Equal("pod-u1", await File.ReadAllTextAsync(Path.Join(dir, "name")));
        Assert.Equal(UnixFileMode.UserRead, UnixFiles.GetMode(Path.Join(dir, "..data", "name")));
        Assert.Equal("64", await File.ReadAllTextAsync(Path.Join(dir, "mem")));
        Assert.Equal("4", await File.ReadAllTextAsync(Path.Join(dir, "cpu"))); // no limit: node allocatable

        pod.Metadata.Labels["tier"] = "front";
        await f.Manager.SetUpAsync(pod, CancellationToken.None);
        Assert.Equal("app=\"web\"\ntier=\"front\"", await File.ReadAllTextAsync(Path.Join(dir, "labels")));
    }

    [Fact]
    public async Task Projected_volume_merges_configMap_secret_downwardApi_and_a_requested_token()
    {
        var tokens = Substitute.For<Orchestrator.Kubelet.Volumes.Tokens.IServiceAccountTokens>();
        tokens.GetTokenAsync(Arg.Any<V1Pod>(), Arg.Any<V1ServiceAccountTokenProjection>(), Arg.Any<CancellationToken>()).Returns("tok");
        await using var f = new VolumeManagerFixture(tokens: tokens);
        f.Sources.ConfigMap("ns", "kube-root-ca.crt", new() { ["ca.crt"] = "CA" })
            .Secret("ns", "extra", new() { ["k"] = Encoding.UTF8.GetBytes("v") });
        var pod = VolumeManagerFixture.Pod("u1", Specs.Projected(
            "kube-api-access",
            Specs.Octal("644"),
            new V1VolumeProjection { ServiceAccountToken = new V1ServiceAccountTokenProjection { Path = "token", ExpirationSeconds = 3607 } },
            new V1VolumeProjection { ConfigMap = new V1ConfigMapProjection { Name = "kube-root-ca.crt", Items = [Specs.Item("ca.crt", "ca.crt")] } },
            new V1VolumeProjection { DownwardAPI = new V1DownwardAPIProjection { Items = [Specs.Field("namespace", "metadata.namespace")] } },
            new V1VolumeProjection { Secret = new V1SecretProjection { Name = "extra", Items = [Specs.Item("k", "extra/k")] } }));

        var dir = (await f.Manager.SetUpAsync(pod, CancellationToken.None)).HostPaths["kube-api-access"];

        Assert.Equal(f.VolumeDir(pod, "kubernetes.io~projected", "kube-api-access"), dir);
        Assert.True(new LinuxMounter().IsMountPoint(dir));
        Assert.Equal("tok", await File.ReadAllTextAsync(Path.Join(dir, "token")));
        Assert.Equal("CA", await File.ReadAllTextAsync(Path.Join(dir, "ca.crt")));
        Assert.Equal("ns", await File.ReadAllTextAsync(Path.Join(dir, "namespace")));
        Assert.Equal("v", await File.ReadAllTextAsync(Path.Join(dir, "extra", "k")));
    }

    [Fact]
    public async Task Projected_token_comes_from_TokenRequest_for_the_pod_and_is_forgotten_at_teardown()
    {
        var tokens = Substitute.For<Orchestrator.Kubelet.Volumes.Tokens.IServiceAccountTokens>();
        var projection = new V1ServiceAccountTokenProjection { Path = "token", ExpirationSeconds = 3607, Audience = "vault" };
        tokens.GetTokenAsync(Arg.Any<V1Pod>(), projection, Arg.Any<CancellationToken>()).Returns("jwt-for-u1");
        await using var f = new VolumeManagerFixture(tokens: tokens);
        var pod = VolumeManagerFixture.Pod("u1", Specs.Projected("kube-api-access", null, new V1VolumeProjection { ServiceAccountToken = projection }));

        var dir = (await f.Manager.SetUpAsync(pod, CancellationToken.None)).HostPaths["kube-api-access"];
        var written = await File.ReadAllTextAsync(Path.Join(dir, "token"));
        await f.Manager.TearDownAsync("u1", CancellationToken.None);

        Assert.Equal("jwt-for-u1", written);
        await tokens.Received(1).GetTokenAsync(Arg.Is<V1Pod>(p => p.Metadata.Uid == "u1"), projection, Arg.Any<CancellationToken>());
        tokens.Received(1).Forget("u1");
    }

    [Fact]
    public async Task Projected_volume_reports_every_failing_source()
    {
        await using var f = new VolumeManagerFixture();
        var pod = VolumeManagerFixture.Pod("u1", Specs.Projected(
            "p",
            null,
            new V1VolumeProjection { ServiceAccountToken = new V1ServiceAccountTokenProjection { Path = "token" } },
            new V1VolumeProjection { ConfigMap = new V1ConfigMapProjection { Name = "gone" } },
            new V1VolumeProjection { Secret = new V1SecretProjection { Name = "gone-too", Optional = true } }));

        var e = await Assert.ThrowsAsync<VolumeSetupException>(() => f.Manager.SetUpAsync(pod, CancellationToken.None));

        Assert.Equal(
            "[serviceAccountToken projection needs a token: this kubelet has no TokenRequest client, configmap \"gone\" not found]",
            e.Message);
    }

    [Theory]
    [InlineData("nfs")]
    [InlineData("csi")]
    public async Task Unsupported_volume_kinds_fail_loudly(string kind)
    {
        await using var f = new VolumeManagerFixture();
        var volume = kind switch
        {
            "nfs" => new V1Volume { Name = "v", Nfs = new V1NFSVolumeSource { Path = "/export", Server = "server" } },
            _ => new V1Volume { Name = "v", Csi = new V1CSIVolumeSource { Driver = "driver" } },
        };
        var e = await Assert.ThrowsAsync<VolumeSetupException>(() => f.Manager.SetUpAsync(VolumeManagerFixture.Pod("u1", volume), CancellationToken.None));
        Assert.Equal($"{kind} volumes are not supported by this kubelet (only emptyDir, hostPath, configMap, secret, downwardAPI, projected and persistentVolumeClaim are)", e.Message);
    }

    [Fact]
    public async Task Pod_uids_on_disk_lists_set_up_pods()
    {
        await using var f = new VolumeManagerFixture();
        await f.Manager.SetUpAsync(VolumeManagerFixture.Pod("b"), CancellationToken.None);
        await f.Manager.SetUpAsync(VolumeManagerFixture.Pod("a", Specs.EmptyDir("v")), CancellationToken.None);
        Assert.Equal(["a", "b"], f.Manager.PodUidsOnDisk());
        await f.Manager.TearDownAsync("a", CancellationToken.None);
        Assert.Equal(["b"], f.Manager.PodUidsOnDisk());
        await Assert.ThrowsAsync<ArgumentException>(() => f.Manager.TearDownAsync("..", CancellationToken.None));
    }
}
