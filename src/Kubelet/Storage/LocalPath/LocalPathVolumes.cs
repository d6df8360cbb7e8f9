using Orchestrator.ApiMachinery.Storage;

namespace Orchestrator.Kubelet.Storage.LocalPath;

/// <summary>The PersistentVolume of a claim (as rancher's local-path provisioner builds it) and the node a volume is pinned to.</summary>
internal static class LocalPathVolumes
{
    /// <summary>
    /// A hostPath volume (type DirectoryOrCreate) at <paramref name="directory"/>: the claim's requested size as
    /// capacity (recorded, not enforced), its access modes, the class and its reclaim policy (Delete when unset),
    /// node affinity to <paramref name="nodeName"/> by <c>kubernetes.io/hostname</c>, and a claimRef with the
    /// claim's uid, so the PV controller binds exactly that claim.
    /// </summary>
    public static V1PersistentVolume For(V1PersistentVolumeClaim claim, V1StorageClass storageClass, string nodeName, string volumeName, string directory) => new()
    {
        ApiVersion = "v1",
        Kind = "PersistentVolume",
        Metadata = new V1ObjectMeta
        {
            Name = volumeName,
            Annotations = new Dictionary<string, string> { [StorageAnnotations.ProvisionedBy] = LocalPathNames.Provisioner },
        },
        Spec = new V1PersistentVolumeSpec
        {
            Capacity = new Dictionary<string, ResourceQuantity> { ["storage"] = claim.Spec.Resources.Requests["storage"] },
            AccessModes = [.. claim.Spec.AccessModes],
            PersistentVolumeReclaimPolicy = storageClass.ReclaimPolicy ?? "Delete",
            StorageClassName = storageClass.Metadata.Name,
            VolumeMode = "Filesystem",
            HostPath = new V1HostPathVolumeSource { Path = directory, Type = "DirectoryOrCreate" },
            NodeAffinity = new V1VolumeNodeAffinity
            {
                Required = new V1NodeSelector
                {
                    NodeSelectorTerms =
                    [
                        new V1NodeSelectorTerm
                        {
                            MatchExpressions = [new V1NodeSelectorRequirement { Key = LocalPathNames.HostnameLabel, OperatorProperty = "In", Values = [nodeName] }],
                        },
                    ],
                },
            },
            ClaimRef = ObjectReferences.For(claim),
        },
    };

    /// <summary>The one node a volume's required node affinity names by <c>kubernetes.io/hostname In [node]</c>, else null.</summary>
    public static string? NodeOf(V1PersistentVolume volume)
    {
        var terms = volume.Spec?.NodeAffinity?.Required?.NodeSelectorTerms ?? [];
        var values = terms
            .SelectMany(t => t.MatchExpressions ?? [])
            .Where(e => e.Key == LocalPathNames.HostnameLabel && e.OperatorProperty == "In")
            .Select(e => e.Values ?? [])
            .ToList();
        return values.Count == 1 && values[0].Count == 1 ? values[0][0] : null;
    }
}
