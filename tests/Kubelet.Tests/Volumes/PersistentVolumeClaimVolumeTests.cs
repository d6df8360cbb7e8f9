using k8s.Models;
using NSubstitute;
using Orchestrator.Kubelet.Volumes;

namespace Orchestrator.Kubelet.Tests.Volumes;

public sealed class PersistentVolumeClaimVolumeTests
{
    private const string Unable = "Unable to attach or mount volumes: ";

    [Fact]
    public async Task A_pending_claim_keeps_the_pod_waiting_with_upstreams_FailedMount_text()
    {
        var claims = new FakePersistentVolumes();
        claims.Claim("data", "c1", volumeName: null);
        await using var f = new VolumeManagerFixture(claims: claims);
        var pod = Mounting(VolumeManagerFixture.Pod("u1", Claim("data"), new V1Volume { Name = "scratch", EmptyDir = new V1EmptyDirVolumeSource() }), "data", "scratch");

        var e = await Assert.ThrowsAsync<VolumeSetupException>(() => f.Manager.SetUpAsync(pod, CancellationToken.None));

        const string expected = "unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: error processing PVC ns/data: PVC is not bound";
        Assert.Equal(expected, e.Message);
        f.Events.Received(1).Record(pod, "Warning", "FailedMount", Unable + expected);
    }

    [Theory]
    [InlineData("missing claim", "error processing PVC ns/data: failed to fetch PVC from API server: persistentvolumeclaims \"data\" not found")]
    [InlineData("claim being deleted", "error processing PVC ns/data: PVC is being deleted")]
    [InlineData("missing volume", "error processing PVC ns/data: failed to fetch PV pv-1 from API server: persistentvolumes \"pv-1\" not found")]
    [InlineData("volume bound to another claim", "error processing PVC ns/data: found PV object pv-1 but its pv.Spec.ClaimRef.UID other does not point to claim.UID c1")]
    [InlineData("block volume", "volume data has volumeMode Block, but is specified in volumeMounts")]
    public async Task Claims_that_cannot_be_resolved_are_reported_in_upstreams_words(string problem, string error)
    {
        var claims = new FakePersistentVolumes();
        if (problem != "missing claim")
        {
            var claim = claims.Claim("data", "c1", "pv-1");
            claim.Metadata.DeletionTimestamp = problem == "claim being deleted" ? DateTime.UtcNow : null;
        }

        if (problem is "volume bound to another claim" or "block volume")
        {
            claims.Volume("pv-1", problem == "block volume" ? "c1" : "other", new V1PersistentVolumeSpec { VolumeMode = problem == "block volume" ? "Block" : null, Local = new V1LocalVolumeSource { Path = "/" } });
        }

        await using var f = new VolumeManagerFixture(claims: claims);
        var pod = Mounting(VolumeManagerFixture.Pod("u1", Claim("data")), "data");

        var e = await Assert.ThrowsAsync<VolumeSetupException>(() => f.Manager.SetUpAsync(pod, CancellationToken.None));

        Assert.Equal($"unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: {error}", e.Message);
    }

    [Fact]
    public async Task A_claim_no_container_mounts_does_not_hold_the_pod()
    {
        var claims = new FakePersistentVolumes();
        claims.Claim("data", "c1", volumeName: null);
        await using var f = new VolumeManagerFixture(claims: claims);
        var pod = VolumeManagerFixture.Pod("u1", Claim("data"));

        var volumes = await f.Manager.SetUpAsync(pod, CancellationToken.None);

        Assert.Empty(volumes.HostPaths);
        f.Events.DidNotReceiveWithAnyArgs().Record(default!, default!, default!, default!);
    }

    [Fact]
    public async Task A_bound_hostPath_volume_is_created_as_DirectoryOrCreate_and_the_provisioners_gets_the_fsGroup()
    {
        var claims = new FakePersistentVolumes();
        await using var f = new VolumeManagerFixture(claims: claims);
        var provisioned = f.HostDir("storage/pvc-c1_ns_data");
        var manual = f.HostDir("manual");
        claims.Claim("data", "c1", "pvc-c1");
        claims.Volume("pvc-c1", "c1", new V1PersistentVolumeSpec { HostPath = new V1HostPathVolumeSource { Path = provisioned, Type = "DirectoryOrCreate" } }, provisioned: true);
        claims.Claim("manual", "c2", "pv-manual");
        claims.Volume("pv-manual", "c2", new V1PersistentVolumeSpec { HostPath = new V1HostPathVolumeSource { Path = manual, Type = "DirectoryOrCreate" } });
        var pod = Mounting(VolumeManagerFixture.Pod("u1", Claim("data"), Claim("manual")), "data", "manual");
        pod.Spec.SecurityContext = new V1PodSecurityContext { FsGroup = 4242 };

        var volumes = await f.Manager.SetUpAsync(pod, CancellationToken.None);

        Assert.Equal(provisioned, volumes.HostPaths["data"]);
        Assert.Equal(manual, volumes.HostPaths["manual"]);
        Assert.Equal(4242u, FileTypes.GroupOf(provisioned));
        Assert.True(UnixFiles.GetMode(provisioned).HasFlag(UnixFileMode.SetGroup));
        Assert.NotEqual(4242u, FileTypes.GroupOf(manual));
        Assert.True(Directory.Exists(f.VolumeDir(pod, PersistentVolumeClaimVolume.HostPathPlugin, "data")));
    }

    [Fact]
    public async Task A_local_volume_is_mounted_in_place_and_a_missing_path_fails_the_mount()
    {
        var claims = new FakePersistentVolumes();
        await using var f = new VolumeManagerFixture(claims: claims);
        var disk = f.HostDir("disk");
        Directory.CreateDirectory(disk);
        claims.Claim("data", "c1", "local-1");
        claims.Volume("local-1", "c1", new V1PersistentVolumeSpec { Local = new V1LocalVolumeSource { Path = disk } });
        claims.Claim("gone", "c2", "local-2");
        claims.Volume("local-2", "c2", new V1PersistentVolumeSpec { Local = new V1LocalVolumeSource { Path = f.HostDir("missing") } });

        var ok = await f.Manager.SetUpAsync(Mounting(VolumeManagerFixture.Pod("u1", Claim("data")), "data"), CancellationToken.None);
        var failing = Mounting(VolumeManagerFixture.Pod("u2", Claim("gone")), "gone");
        var e = await Assert.ThrowsAsync<VolumeSetupException>(() => f.Manager.SetUpAsync(failing, CancellationToken.None));

        Assert.Equal(disk, ok.HostPaths["data"]);
        Assert.Equal($"path \"{f.HostDir("missing")}\" of local volume local-2 does not exist", e.Message);
        f.Events.Received(1).Record(failing, "Warning", "FailedMount", $"MountVolume.SetUp failed for volume \"gone\" : {e.Message}");
    }

    [Fact]
    public void A_claim_volume_with_readOnly_is_read_only_in_every_container()
    {
        Assert.True(VolumePlugins.IsAlwaysReadOnly(new V1Volume { Name = "v", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = "c", ReadOnlyProperty = true } }));
        Assert.False(VolumePlugins.IsAlwaysReadOnly(Claim("c")));
    }

    private static V1Volume Claim(string name) => new() { Name = name, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = name } };

    private static V1Pod Mounting(V1Pod pod, params string[] volumes)
    {
        pod.Spec.Containers[0].VolumeMounts = [.. volumes.Select(v => new V1VolumeMount { Name = v, MountPath = "/mnt/" + v })];
        return pod;
    }
}
