using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Client;
using Orchestrator.Kubelet.Storage.LocalPath;
using Orchestrator.Kubelet.Tests.Volumes;
using Orchestrator.Kubelet.Volumes;
using Orchestrator.Testing;
using Orchestrator.ApiMachinery.Storage;

namespace Orchestrator.Kubelet.Tests.Storage.LocalPath;

/// <summary>
/// The provisioner against a real in-process API server with TLS, Node and RBAC authorization, running as its own
/// identity (bound to system:orchestrator:local-path-provisioner by the bootstrap policy): claims in, directories
/// and PersistentVolumes out, and back. The PV controller's part (binding, Released) is played by the test.
/// </summary>
public sealed class LocalPathProvisionerTests : IAsyncLifetime
{
    private const string Node = "node-a";
    private readonly TestPki _pki = new();
    private readonly TempDir _root = new();
    private readonly CancellationTokenSource _stop = new();
    private InProcessApiServer _api = null!;
    private IKubernetes _provisionerClient = null!;
    private Task _running = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _api = await InProcessApiServer.StartSecureAsync(_pki, "Node", "RBAC");
        await _api.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "db" } });
        Assert.True(await LocalPathStorageClass.EnsureAsync(_api.Client, CancellationToken.None));
        _provisionerClient = _pki.Client(_api.Address, "system:orchestrator:local-path-provisioner");
        _running = ComponentHost.RunAsync("orchestrator.dev/local-path_" + Node, _provisionerClient, NullLoggerFactory.Instance,
            context => [new LocalPathProvisioner(context, new LocalPathOptions(Node, _root.Path))], null, _stop.Token);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(TimeSpan.FromSeconds(10));
        _provisionerClient.Dispose();
        await _api.DisposeAsync();
        _pki.Dispose();
        _stop.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task The_default_class_is_created_once_and_an_administrators_edit_stands()
    {
        var created = await _api.Client.StorageV1.ReadStorageClassAsync(LocalPathNames.StorageClass);
        Assert.Equal(("true", LocalPathNames.Provisioner, "WaitForFirstConsumer", "Delete"), (created.Metadata.Annotations[StorageClasses.IsDefaultAnnotation], created.Provisioner, created.VolumeBindingMode, created.ReclaimPolicy));

        await _api.Client.StorageV1.PatchStorageClassAsync(new V1Patch("""{"metadata":{"annotations":{"storageclass.kubernetes.io/is-default-class":"false"}}}""", V1Patch.PatchType.MergePatch), LocalPathNames.StorageClass);

        Assert.False(await LocalPathStorageClass.EnsureAsync(_api.Client, CancellationToken.None));
        Assert.Equal("false", (await _api.Client.StorageV1.ReadStorageClassAsync(LocalPathNames.StorageClass)).Metadata.Annotations[StorageClasses.IsDefaultAnnotation]);
    }

    [Fact]
    public async Task A_claim_selected_for_this_node_gets_its_directory_and_volume_and_Delete_removes_both_once_released()
    {
        var claim = await CreateClaimAsync("data-web-0", Node);
        var volumeName = "pvc-" + claim.Metadata.Uid;
        var directory = Path.Join(_root.Path, $"{volumeName}_db_data-web-0");

        var pv = await Eventually.NotNullAsync(() => TryReadVolumeAsync(volumeName), "the provisioned volume");
        Assert.True(Directory.Exists(directory));
        Assert.Equal((UnixFileMode)0b111_111_111, UnixFiles.GetMode(directory));
        Assert.Equal((directory, "DirectoryOrCreate", "Delete", claim.Metadata.Uid), (pv.Spec.HostPath.Path, pv.Spec.HostPath.Type, pv.Spec.PersistentVolumeReclaimPolicy, pv.Spec.ClaimRef.Uid));
        await EventAsync("data-web-0", "ProvisioningSucceeded", $"Successfully provisioned volume {volumeName}");
        await EventAsync("data-web-0", "Provisioning", "External provisioner is provisioning volume for claim \"db/data-web-0\"");

        await File.WriteAllTextAsync(Path.Join(directory, "data.txt"), "kept until released");
        await ReleaseAsync("data-web-0", volumeName);

        // Deleted: gone, or waiting only for the pv-protection controller (not running here) to drop its finalizer.
        await Eventually.TrueAsync(async () => await TryReadVolumeAsync(volumeName) is not { } left || left.Metadata.DeletionTimestamp is not null, "the released volume to be deleted");
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public async Task Retain_keeps_the_directory_and_the_volume_after_release()
    {
        await _api.Client.StorageV1.CreateStorageClassAsync(new V1StorageClass { Metadata = new V1ObjectMeta { Name = "keep" }, Provisioner = LocalPathNames.Provisioner, ReclaimPolicy = "Retain", VolumeBindingMode = "WaitForFirstConsumer" });
        var claim = await CreateClaimAsync("keep", Node, "keep");
        var volumeName = "pvc-" + claim.Metadata.Uid;
        var pv = await Eventually.NotNullAsync(() => TryReadVolumeAsync(volumeName), "the provisioned volume");
        Assert.Equal("Retain", pv.Spec.PersistentVolumeReclaimPolicy);

        await ReleaseAsync("keep", volumeName);
        await _api.Client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(ClaimObject("after", Node, LocalPathNames.StorageClass), "db");
        await Eventually.NotNullAsync(async () => (await _api.Client.CoreV1.ListPersistentVolumeAsync()).Items.FirstOrDefault(v => v.Spec.ClaimRef?.Name == "after"), "a later claim provisioned (the released one was looked at)");

        Assert.NotNull(await TryReadVolumeAsync(volumeName));
        Assert.True(Directory.Exists(pv.Spec.HostPath.Path));
    }

    [Fact]
    public async Task A_ReadWriteMany_claim_is_refused_with_a_ProvisioningFailed_event_and_another_nodes_claim_is_left_alone()
    {
        var many = ClaimObject("shared", Node, LocalPathNames.StorageClass);
        many.Spec.AccessModes = ["ReadWriteMany"];
        await _api.Client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(many, "db");
        var elsewhere = await CreateClaimAsync("elsewhere", "node-b");

        await EventAsync("shared", "ProvisioningFailed", "failed to provision volume with StorageClass \"local-path\": Only support ReadWriteOnce and ReadWriteOncePod access modes");
        Assert.Null(await TryReadVolumeAsync("pvc-" + elsewhere.Metadata.Uid));
        Assert.Empty((await _api.Client.CoreV1.ListPersistentVolumeAsync()).Items);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root.Path));
    }

    private async Task<V1PersistentVolumeClaim> CreateClaimAsync(string name, string node, string className = LocalPathNames.StorageClass) =>
        await _api.Client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(ClaimObject(name, node, className), "db");

    private static V1PersistentVolumeClaim ClaimObject(string name, string node, string className) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            // What the PV controller (storage-provisioner) and the scheduler (selected-node) set on a WaitForFirstConsumer claim.
            Annotations = new Dictionary<string, string> { [StorageAnnotations.StorageProvisioner] = LocalPathNames.Provisioner, [StorageAnnotations.SelectedNode] = node },
        },
        Spec = new V1PersistentVolumeClaimSpec
        {
            StorageClassName = className,
            AccessModes = ["ReadWriteOnce"],
            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("64Mi") } },
        },
    };

    private async Task<V1PersistentVolume?> TryReadVolumeAsync(string name) =>
        (await _api.Client.CoreV1.ListPersistentVolumeAsync(fieldSelector: "metadata.name=" + name)).Items.SingleOrDefault();

    /// <summary>The claim is deleted and the PV controller marks its volume Released.</summary>
    private async Task ReleaseAsync(string claim, string volume)
    {
        await _api.Client.CoreV1.DeleteNamespacedPersistentVolumeClaimAsync(claim, "db");
        await _api.Client.CoreV1.PatchPersistentVolumeStatusAsync(new V1Patch("""{"status":{"phase":"Released"}}""", V1Patch.PatchType.MergePatch), volume);
    }

    private Task EventAsync(string claim, string reason, string message) =>
        Eventually.TrueAsync(
            async () => (await _api.Client.CoreV1.ListNamespacedEventAsync("db")).Items.Any(e => e.InvolvedObject.Name == claim && e.Reason == reason && e.Message == message),
            $"event {reason} on claim {claim}");
}
