using k8s.Models;

namespace Orchestrator.ControllerManager.Tests.Controllers.PersistentVolume;

/// <summary>Compact builders of volumes, claims and classes for the storage controller tests.</summary>
internal static class StorageObjects
{
    public static V1PersistentVolume Volume(
        string name, string size = "1Gi", string modes = "ReadWriteOnce", string? storageClass = null, string? phase = "Available",
        V1ObjectReference? claimRef = null, string reclaim = "Retain", Dictionary<string, string>? labels = null,
        Dictionary<string, string>? annotations = null, string? volumeMode = null, V1VolumeNodeAffinity? nodeAffinity = null) => new()
        {
            Metadata = new V1ObjectMeta { Name = name, Uid = "uid-" + name, Labels = labels, Annotations = annotations, ResourceVersion = "1" },
            Spec = new V1PersistentVolumeSpec
            {
                Capacity = new Dictionary<string, ResourceQuantity> { ["storage"] = new(size) },
                AccessModes = [.. modes.Split(',', StringSplitOptions.RemoveEmptyEntries)],
                StorageClassName = storageClass,
                ClaimRef = claimRef,
                PersistentVolumeReclaimPolicy = reclaim,
                VolumeMode = volumeMode,
                NodeAffinity = nodeAffinity,
                HostPath = new V1HostPathVolumeSource { Path = "/data/" + name },
            },
            Status = new V1PersistentVolumeStatus { Phase = phase },
        };

    public static V1PersistentVolumeClaim Claim(
        string name, string size = "1Gi", string modes = "ReadWriteOnce", string? storageClass = "", string? volumeName = null,
        Dictionary<string, string>? annotations = null, V1LabelSelector? selector = null, string? phase = "Pending", string? volumeMode = null) => new()
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Uid = "uid-" + name, Annotations = annotations, ResourceVersion = "1" },
            Spec = new V1PersistentVolumeClaimSpec
            {
                AccessModes = [.. modes.Split(',', StringSplitOptions.RemoveEmptyEntries)],
                Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(size) } },
                StorageClassName = storageClass,
                VolumeName = volumeName,
                Selector = selector,
                VolumeMode = volumeMode,
            },
            Status = new V1PersistentVolumeClaimStatus { Phase = phase },
        };

    public static V1ObjectReference RefTo(string claim, string? uid = null) =>
        new() { Kind = "PersistentVolumeClaim", NamespaceProperty = "default", Name = claim, Uid = uid };

    public static V1StorageClass Class(string name, string provisioner, string? mode = null, bool isDefault = false) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Annotations = isDefault ? new Dictionary<string, string> { ["storageclass.kubernetes.io/is-default-class"] = "true" } : null,
        },
        Provisioner = provisioner,
        VolumeBindingMode = mode,
    };

    public static Dictionary<string, string> Annotations(params string[] pairs) =>
        pairs.Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "yes");
}
