using k8s.Models;
using Orchestrator.Kubelet.Storage.LocalPath;
using static Orchestrator.Kubelet.Tests.Storage.LocalPath.LocalPathObjects;
using Orchestrator.ApiMachinery.Storage;

namespace Orchestrator.Kubelet.Tests.Storage.LocalPath;

public sealed class LocalPathPlannerTests
{
    private static readonly V1StorageClass[] DefaultClass = [Class()];

    [Fact]
    public void A_claim_selected_for_this_node_gets_a_directory_and_a_prebound_hostPath_volume_pinned_to_the_node()
    {
        var claim = Claim("data-web-0", "u1");

        var plan = LocalPathPlanner.Plan([claim], [], [Class(reclaimPolicy: "Retain")], Options);

        var provision = Assert.Single(plan.Provision);
        Assert.Empty(plan.Reject);
        Assert.Equal($"{Root}/pvc-u1_db_data-web-0", provision.Directory);
        var pv = provision.Volume;
        Assert.Equal("pvc-u1", pv.Metadata.Name);
        Assert.Equal(LocalPathNames.Provisioner, pv.Metadata.Annotations[StorageAnnotations.ProvisionedBy]);
        Assert.Equal(new ResourceQuantity("1Gi"), pv.Spec.Capacity["storage"]);
        Assert.Equal(["ReadWriteOnce"], pv.Spec.AccessModes);
        Assert.Equal("Retain", pv.Spec.PersistentVolumeReclaimPolicy);
        Assert.Equal(LocalPathNames.StorageClass, pv.Spec.StorageClassName);
        Assert.Equal("Filesystem", pv.Spec.VolumeMode);
        Assert.Equal(provision.Directory, pv.Spec.HostPath.Path);
        Assert.Equal("DirectoryOrCreate", pv.Spec.HostPath.Type);
        var requirement = Assert.Single(Assert.Single(pv.Spec.NodeAffinity.Required.NodeSelectorTerms).MatchExpressions);
        Assert.Equal((LocalPathNames.HostnameLabel, "In", NodeName), (requirement.Key, requirement.OperatorProperty, Assert.Single(requirement.Values)));
        Assert.Equal(("PersistentVolumeClaim", "db", "data-web-0", "u1", "7"), (pv.Spec.ClaimRef.Kind, pv.Spec.ClaimRef.NamespaceProperty, pv.Spec.ClaimRef.Name, pv.Spec.ClaimRef.Uid, pv.Spec.ClaimRef.ResourceVersion));
        Assert.Equal(NodeName, LocalPathVolumes.NodeOf(pv));
    }

    [Theory]
    [InlineData("another node was selected", "node-b", StorageAnnotations.StorageProvisioner, null, null)]
    [InlineData("no node selected yet (Immediate binding)", null, StorageAnnotations.StorageProvisioner, null, null)]
    [InlineData("already bound to a volume", NodeName, StorageAnnotations.StorageProvisioner, "pv-x", null)]
    [InlineData("phase Bound", NodeName, StorageAnnotations.StorageProvisioner, null, "Bound")]
    [InlineData("phase Lost", NodeName, StorageAnnotations.StorageProvisioner, null, "Lost")]
    public void Claims_not_this_nodes_to_provision_are_left_alone(string why, string? selectedNode, string annotation, string? volumeName, string? phase)
    {
        var claim = Claim("c", "u1", selectedNode, annotation);
        claim.Spec.VolumeName = volumeName;
        claim.Status.Phase = phase ?? "Pending";

        var plan = LocalPathPlanner.Plan([claim], [], DefaultClass, Options);

        Assert.True(plan.IsEmpty, why);
    }

    [Fact]
    public void The_beta_provisioner_annotation_counts_as_the_GA_one()
    {
        var plan = LocalPathPlanner.Plan([Claim("c", "u1", provisionerAnnotation: StorageAnnotations.BetaStorageProvisioner)], [], DefaultClass, Options);

        Assert.Equal("pvc-u1", Assert.Single(plan.Provision).Volume.Metadata.Name);
    }

    [Fact]
    public void Claims_for_another_provisioner_a_deleted_claim_or_one_whose_volume_exists_are_not_provisioned()
    {
        var other = Claim("other", "u1");
        other.Metadata.Annotations[StorageAnnotations.StorageProvisioner] = "ebs.csi.aws.com";
        var deleted = Claim("deleted", "u2");
        deleted.Metadata.DeletionTimestamp = DateTime.UtcNow;
        var made = Claim("made", "u3");
        var foreignClass = Claim("foreign-class", "u4", className: "fast");

        var plan = LocalPathPlanner.Plan([other, deleted, made, foreignClass], [Volume("u3", "made", "Available")], [Class(), Class("fast", provisioner: "ebs.csi.aws.com")], Options);

        Assert.True(plan.IsEmpty);
    }

    [Theory]
    [InlineData("ReadWriteMany", "Only support ReadWriteOnce and ReadWriteOncePod access modes")]
    [InlineData("ReadOnlyMany", "Only support ReadWriteOnce and ReadWriteOncePod access modes")]
    [InlineData("selector", "claim.Spec.Selector is not supported")]
    [InlineData("dataSource", "claim.Spec.DataSource is not supported: volumes start empty")]
    [InlineData("block", "volumeMode Block is not supported: local-path volumes are directories (Filesystem)")]
    [InlineData("parameters", "StorageClass parameters are not supported by orchestrator.dev/local-path: nodePath")]
    [InlineData("mountOptions", "StorageClass mountOptions are not supported by orchestrator.dev/local-path: local-path volumes are directories, not mounts")]
    [InlineData("missing class", "storageclass.storage.k8s.io \"local-path\" not found")]
    public void Claims_it_cannot_serve_are_rejected_with_the_reason(string problem, string error)
    {
        var claim = Claim("c", "u1");
        var storageClass = Class();
        switch (problem)
        {
            case "ReadWriteMany" or "ReadOnlyMany":
                claim.Spec.AccessModes = ["ReadWriteOnce", problem];
                break;
            case "selector":
                claim.Spec.Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["tier"] = "db" } };
                break;
            case "dataSource":
                claim.Spec.DataSource = new V1TypedLocalObjectReference { Kind = "PersistentVolumeClaim", Name = "src" };
                break;
            case "block":
                claim.Spec.VolumeMode = "Block";
                break;
            case "parameters":
                storageClass.Parameters = new Dictionary<string, string> { ["nodePath"] = "/data" };
                break;
            case "mountOptions":
                storageClass.MountOptions = ["noatime"];
                break;
        }

        var plan = LocalPathPlanner.Plan([claim], [], problem == "missing class" ? [] : [storageClass], Options);

        Assert.Empty(plan.Provision);
        var reject = Assert.Single(plan.Reject);
        Assert.Same(claim, reject.Claim);
        Assert.Equal($"failed to provision volume with StorageClass \"local-path\": {error}", reject.Message);
    }

    [Fact]
    public void ReadWriteOncePod_is_served()
    {
        var claim = Claim("c", "u1");
        claim.Spec.AccessModes = ["ReadWriteOncePod"];

        Assert.Equal(["ReadWriteOncePod"], Assert.Single(LocalPathPlanner.Plan([claim], [], DefaultClass, Options).Provision).Volume.Spec.AccessModes);
    }

    [Theory]
    [InlineData("Released", "Delete", NodeName, true)]
    [InlineData("Released", "Retain", NodeName, false)]
    [InlineData("Bound", "Delete", NodeName, false)]
    [InlineData("Available", "Delete", NodeName, false)]
    [InlineData("Released", "Delete", "node-b", false)]
    public void Only_released_volumes_of_this_node_with_reclaim_policy_Delete_are_deleted(string phase, string reclaimPolicy, string node, bool deleted)
    {
        var volume = Volume("u1", "data", phase, reclaimPolicy, node);

        var plan = LocalPathPlanner.Plan([], [volume], DefaultClass, Options);

        Assert.Equal(deleted ? [$"{Root}/pvc-u1_db_data"] : [], plan.Delete.Select(d => d.Directory));
        Assert.All(plan.Delete, d => Assert.Null(d.Error));
    }

    [Fact]
    public void Volumes_someone_else_provisioned_or_already_being_deleted_are_left_alone()
    {
        var manual = Volume("u1", "a", "Released");
        manual.Metadata.Annotations.Clear();
        var deleting = Volume("u2", "b", "Released");
        deleting.Metadata.DeletionTimestamp = DateTime.UtcNow;

        Assert.Empty(LocalPathPlanner.Plan([], [manual, deleting], DefaultClass, Options).Delete);
    }

    [Theory]
    [InlineData("/etc")]
    [InlineData("/var/lib/orc/storage/../../../etc/pvc-u1_db_a")]
    [InlineData("/var/lib/orc/storage/other_db_a")]
    [InlineData("/var/lib/orc/storage")]
    public void A_released_volume_whose_path_is_not_its_directory_under_the_root_is_refused_not_removed(string path)
    {
        var plan = LocalPathPlanner.Plan([], [Volume("u1", "a", "Released", path: path)], DefaultClass, Options);

        var delete = Assert.Single(plan.Delete);
        Assert.Null(delete.Directory);
        Assert.Equal($"path {path} is not a directory orchestrator.dev/local-path made under {Root}: not removed", delete.Error);
    }
}
