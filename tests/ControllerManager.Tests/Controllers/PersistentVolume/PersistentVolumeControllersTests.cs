using k8s;
using k8s.Models;
using Orchestrator.Client;
using Orchestrator.ControllerManager.Controllers.PersistentVolume;
using Orchestrator.ControllerManager.Controllers.PvcProtection;
using Orchestrator.ControllerManager.Controllers.PvProtection;
using static Orchestrator.ControllerManager.Tests.Controllers.PersistentVolume.StorageObjects;

namespace Orchestrator.ControllerManager.Tests.Controllers.PersistentVolume;

/// <summary>The persistentvolume-binder with the pvc-protection and pv-protection controllers against a real in-process API server.</summary>
public sealed class PersistentVolumeControllersTests
{
    private static Task<ControllerHarness> StartAsync() => ControllerHarness.StartAsync(
        c => new PersistentVolumeBinderController(c), c => new PvcProtectionController(c), c => new PvProtectionController(c));

    /// <summary>What a client sends: no uid, resourceVersion or status.</summary>
    private static V1PersistentVolume NewVolume(V1PersistentVolume volume)
    {
        volume.Metadata.Uid = null;
        volume.Metadata.ResourceVersion = null;
        volume.Status = null;
        return volume;
    }

    private static V1PersistentVolumeClaim NewClaim(V1PersistentVolumeClaim claim)
    {
        claim.Metadata.Uid = null;
        claim.Metadata.ResourceVersion = null;
        claim.Status = null;
        return claim;
    }

    private static Task<V1PersistentVolumeClaim> ClaimAsync(IKubernetes client, string name) => client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(name, "default");

    private static Task<V1PersistentVolume> VolumeAsync(IKubernetes client, string name) => client.CoreV1.ReadPersistentVolumeAsync(name);

    [Fact]
    public async Task A_static_volume_binds_to_a_matching_claim_and_is_Released_under_Retain_when_the_claim_goes()
    {
        await using var harness = await StartAsync();
        var client = harness.Client;
        await client.CoreV1.CreatePersistentVolumeAsync(NewVolume(Volume("big", "10Gi")));
        await client.CoreV1.CreatePersistentVolumeAsync(NewVolume(Volume("small", "2Gi")));

        // Only Available volumes are candidates (as upstream): both must have become so first.
        await harness.EventuallyAsync(() => VolumeAsync(client, "small"), v => v.Status?.Phase == "Available", "the new volume to become Available");
        await harness.EventuallyAsync(() => VolumeAsync(client, "big"), v => v.Status?.Phase == "Available", "the new volume to become Available");
        await client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(NewClaim(Claim("data", "1Gi")), "default");

        var claim = await harness.EventuallyAsync(() => ClaimAsync(client, "data"), c => c.Status?.Phase == "Bound", "the claim to be Bound");
        Assert.Equal("small", claim.Spec.VolumeName);
        Assert.Equal("yes", claim.Metadata.Annotations["pv.kubernetes.io/bind-completed"]);
        Assert.Equal("yes", claim.Metadata.Annotations["pv.kubernetes.io/bound-by-controller"]);
        Assert.Equal(new ResourceQuantity("2Gi"), claim.Status.Capacity["storage"]);
        Assert.Contains("kubernetes.io/pvc-protection", claim.Metadata.Finalizers);
        var volume = await harness.EventuallyAsync(() => VolumeAsync(client, "small"), v => v.Status?.Phase == "Bound", "the volume to be Bound");
        Assert.Equal(claim.Metadata.Uid, volume.Spec.ClaimRef.Uid);
        Assert.Contains("kubernetes.io/pv-protection", volume.Metadata.Finalizers);
        Assert.Equal("Available", (await VolumeAsync(client, "big")).Status.Phase);

        await client.CoreV1.DeleteNamespacedPersistentVolumeClaimAsync("data", "default");
        await harness.EventuallyAsync(() => ControllerHarness.GoneAsync(() => ClaimAsync(client, "data")), "the unused claim to go (pvc-protection lets it)");
        await harness.EventuallyAsync(() => VolumeAsync(client, "small"), v => v.Status?.Phase == "Released", "the Retain volume to be Released");

        // A Released volume is kept and not bound again.
        await client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(NewClaim(Claim("again", "1Gi")), "default");
        var again = await harness.EventuallyAsync(() => ClaimAsync(client, "again"), c => c.Status?.Phase == "Bound", "the new claim to bind");
        Assert.Equal("big", again.Spec.VolumeName);
        Assert.Equal("Released", (await VolumeAsync(client, "small")).Status.Phase);
    }

    [Fact]
    public async Task Pre_bound_volumes_and_claims_bind_to_each_other_only()
    {
        await using var harness = await StartAsync();
        var client = harness.Client;
        await client.CoreV1.CreatePersistentVolumeAsync(NewVolume(Volume("free", "1Gi")));
        await client.CoreV1.CreatePersistentVolumeAsync(NewVolume(Volume("reserved", "5Gi", claimRef: RefTo("wants-reserved"))));
        await client.CoreV1.CreatePersistentVolumeAsync(NewVolume(Volume("named", "3Gi")));
        await client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(NewClaim(Claim("wants-reserved", "1Gi")), "default");
        await client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(NewClaim(Claim("wants-named", "1Gi", volumeName: "named")), "default");

        var first = await harness.EventuallyAsync(() => ClaimAsync(client, "wants-reserved"), c => c.Status?.Phase == "Bound", "the claim a volume was reserved for to bind");
        Assert.Equal("reserved", first.Spec.VolumeName);
        var second = await harness.EventuallyAsync(() => ClaimAsync(client, "wants-named"), c => c.Status?.Phase == "Bound", "the claim that named its volume to bind");
        Assert.Equal("named", second.Spec.VolumeName);
        Assert.False(second.Metadata.Annotations.ContainsKey("pv.kubernetes.io/bound-by-controller"), "the user chose the volume, not the controller");
        var reserved = await VolumeAsync(client, "reserved");
        Assert.True(reserved.Metadata.Annotations?.ContainsKey("pv.kubernetes.io/bound-by-controller") != true, "the user pre-bound the volume");
        Assert.Equal("Available", (await VolumeAsync(client, "free")).Status.Phase);
    }

    [Fact]
    public async Task A_claim_in_use_by_a_pod_keeps_its_finalizer_until_the_pod_finishes_and_a_bound_volume_waits_for_its_claim()
    {
        await using var harness = await StartAsync();
        var client = harness.Client;
        await client.CoreV1.CreatePersistentVolumeAsync(NewVolume(Volume("v", "1Gi")));
        await client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(NewClaim(Claim("used", "1Gi")), "default");
        await client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(NewClaim(Claim("unused", "1Gi", storageClass: "none")), "default");
        await harness.EventuallyAsync(() => ClaimAsync(client, "used"), c => c.Status?.Phase == "Bound", "the claim to bind");
        await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "app" },
            Spec = new V1PodSpec
            {
                NodeName = "node-1",
                Containers = [new V1Container { Name = "app", Image = "busybox" }],
                Volumes = [new V1Volume { Name = "data", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = "used" } }],
            },
        }, "default");

        await client.CoreV1.DeletePersistentVolumeAsync("v");
        await client.CoreV1.DeleteNamespacedPersistentVolumeClaimAsync("used", "default");
        await client.CoreV1.DeleteNamespacedPersistentVolumeClaimAsync("unused", "default");
        await harness.EventuallyAsync(() => ControllerHarness.GoneAsync(() => ClaimAsync(client, "unused")), "the claim no pod uses to go");
        var held = await ClaimAsync(client, "used");
        Assert.NotNull(held.Metadata.DeletionTimestamp);
        Assert.Contains("kubernetes.io/pvc-protection", held.Metadata.Finalizers);
        Assert.Contains("kubernetes.io/pv-protection", (await VolumeAsync(client, "v")).Metadata.Finalizers);

        await client.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch("""{"status":{"phase":"Succeeded"}}""", V1Patch.PatchType.MergePatch), "app", "default");
        await harness.EventuallyAsync(() => ControllerHarness.GoneAsync(() => ClaimAsync(client, "used")), "the claim to go once its pod finished");
        await harness.EventuallyAsync(() => ControllerHarness.GoneAsync(() => VolumeAsync(client, "v")), "the volume to go once it is no longer Bound");
    }

    [Fact]
    public async Task A_claim_of_a_class_nobody_provisions_stays_Pending_with_upstreams_event()
    {
        await using var harness = await StartAsync();
        var client = harness.Client;
        await client.StorageV1.CreateStorageClassAsync(Class("remote", "example.com/nobody"));
        await client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(NewClaim(Claim("data", storageClass: "remote")), "default");

        await harness.EventuallyAsync(async () => (await harness.EventsAsync("ExternalProvisioning")).Count > 0, "an ExternalProvisioning event");
        var claim = await ClaimAsync(client, "data");
        Assert.Equal("Pending", claim.Status.Phase);
        Assert.Equal("example.com/nobody", claim.Metadata.Annotations["volume.kubernetes.io/storage-provisioner"]);
        Assert.Equal("example.com/nobody", claim.Metadata.Annotations["volume.beta.kubernetes.io/storage-provisioner"]);
        var message = (await harness.EventsAsync("ExternalProvisioning"))[0].Message;
        Assert.StartsWith("Waiting for a volume to be created either by the external provisioner 'example.com/nobody'", message, StringComparison.Ordinal);
    }
}
