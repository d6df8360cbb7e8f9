using k8s.Models;
using Orchestrator.Kubelet.Storage.LocalPath;
using Orchestrator.ApiMachinery.Storage;

namespace Orchestrator.Kubelet.Tests.Storage.LocalPath;

/// <summary>Claims, volumes and classes as the PV controller, the scheduler and the provisioner leave them.</summary>
internal static class LocalPathObjects
{
    public const string NodeName = "node-a";
    public const string Root = "/var/lib/orc/storage";

    public static LocalPathOptions Options => new(NodeName, Root);

    /// <summary>A claim of class local-path for 1Gi RWO, annotated for this provisioner and <paramref name="selectedNode"/>.</summary>
    public static V1PersistentVolumeClaim Claim(string name, string uid, string? selectedNode = NodeName, string provisionerAnnotation = StorageAnnotations.StorageProvisioner, string className = LocalPathNames.StorageClass)
    {
        var annotations = new Dictionary<string, string> { [provisionerAnnotation] = LocalPathNames.Provisioner };
        if (selectedNode is not null)
        {
            annotations[StorageAnnotations.SelectedNode] = selectedNode;
        }

        return new V1PersistentVolumeClaim
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "db", Uid = uid, ResourceVersion = "7", Annotations = annotations },
            Spec = new V1PersistentVolumeClaimSpec
            {
                StorageClassName = className,
                AccessModes = ["ReadWriteOnce"],
                Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("1Gi") } },
            },
            Status = new V1PersistentVolumeClaimStatus { Phase = "Pending" },
        };
    }

    public static V1StorageClass Class(string name = LocalPathNames.StorageClass, string reclaimPolicy = "Delete", string provisioner = LocalPathNames.Provisioner) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Provisioner = provisioner,
        ReclaimPolicy = reclaimPolicy,
        VolumeBindingMode = "WaitForFirstConsumer",
    };

    /// <summary>A volume this provisioner made for claim <paramref name="uid"/> on <paramref name="node"/>, in <paramref name="phase"/>.</summary>
    public static V1PersistentVolume Volume(string uid, string claim, string phase, string reclaimPolicy = "Delete", string node = NodeName, string? path = null)
    {
        var name = LocalPathNames.VolumeName(uid);
        return new V1PersistentVolume
        {
            Metadata = new V1ObjectMeta { Name = name, Uid = "pv-" + uid, Annotations = new Dictionary<string, string> { [StorageAnnotations.ProvisionedBy] = LocalPathNames.Provisioner } },
            Spec = new V1PersistentVolumeSpec
            {
                PersistentVolumeReclaimPolicy = reclaimPolicy,
                HostPath = new V1HostPathVolumeSource { Path = path ?? $"{Root}/{name}_db_{claim}", Type = "DirectoryOrCreate" },
                NodeAffinity = new V1VolumeNodeAffinity
                {
                    Required = new V1NodeSelector
                    {
                        NodeSelectorTerms = [new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = LocalPathNames.HostnameLabel, OperatorProperty = "In", Values = [node] }] }],
                    },
                },
            },
            Status = new V1PersistentVolumeStatus { Phase = phase },
        };
    }
}
