using Orchestrator.ApiMachinery.Storage;

namespace Orchestrator.Kubelet.Storage.LocalPath;

/// <summary>
/// The decisions of one node's local-path provisioner, pure. A claim is this node's to provision when it is
/// unbound and alive, its storage-provisioner annotation (GA or beta, set by the PV controller) names
/// <see cref="LocalPathNames.Provisioner"/> and its selected-node annotation (set by the scheduler for
/// WaitForFirstConsumer) names this node, and its volume <c>pvc-&lt;uid&gt;</c> does not exist yet. What the
/// provisioner cannot serve is rejected as rancher's local-path provisioner does: access modes other than
/// ReadWriteOnce and ReadWriteOncePod (a directory on one node is not shared), a selector, a data source,
/// block volume mode, class parameters or mount options. A volume is this node's to delete when this
/// provisioner made it, its node affinity names this node, it is Released and its reclaim policy is Delete.
/// </summary>
internal static class LocalPathPlanner
{
    private static readonly string[] SupportedAccessModes = ["ReadWriteOnce", "ReadWriteOncePod"];

    public static LocalPathPlan Plan(
        IEnumerable<V1PersistentVolumeClaim> claims,
        IEnumerable<V1PersistentVolume> volumes,
        IEnumerable<V1StorageClass> classes,
        LocalPathOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var volumeList = volumes.ToList();
        var existing = volumeList.Select(v => v.Metadata?.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var classByName = classes.Where(c => c.Metadata?.Name is not null).ToDictionary(c => c.Metadata.Name, StringComparer.Ordinal);
        var provision = new List<ProvisionVolume>();
        var reject = new List<RejectClaim>();
        foreach (var claim in claims.OrderBy(c => c.Metadata?.NamespaceProperty, StringComparer.Ordinal).ThenBy(c => c.Metadata?.Name, StringComparer.Ordinal))
        {
            if (!IsOurs(claim, options.NodeName) || existing.Contains(LocalPathNames.VolumeName(claim.Metadata.Uid)))
            {
                continue;
            }

            var className = claim.Spec?.StorageClassName ?? string.Empty;
            if (!classByName.TryGetValue(className, out var storageClass))
            {
                reject.Add(new RejectClaim(claim, Failed(className, $"storageclass.storage.k8s.io \"{className}\" not found")));
                continue;
            }

            if (storageClass.Provisioner != LocalPathNames.Provisioner)
            {
                // The claim's annotation is stale (the PV controller rewrites it from the class): not ours.
                continue;
            }

            if (Unsupported(claim, storageClass) is { } problem)
            {
                reject.Add(new RejectClaim(claim, Failed(className, problem)));
                continue;
            }

            var volumeName = LocalPathNames.VolumeName(claim.Metadata.Uid);
            var directory = Path.Join(options.StorageRoot, LocalPathNames.DirectoryName(volumeName, claim.Metadata.NamespaceProperty, claim.Metadata.Name));
            provision.Add(new ProvisionVolume(claim, LocalPathVolumes.For(claim, storageClass, options.NodeName, volumeName, directory), directory));
        }

        var delete = volumeList
            .Where(v => IsReleasedForDeletion(v, options.NodeName))
            .OrderBy(v => v.Metadata.Name, StringComparer.Ordinal)
            .Select(v => ToDelete(v, options.StorageRoot))
            .ToList();
        return new LocalPathPlan(provision, reject, delete);
    }

    private static bool IsOurs(V1PersistentVolumeClaim claim, string nodeName)
    {
        var annotations = claim.Metadata?.Annotations;
        if (annotations is null || string.IsNullOrEmpty(claim.Metadata!.Uid) || claim.Metadata.DeletionTimestamp is not null)
        {
            return false;
        }

        var provisioner = annotations.TryGetValue(StorageAnnotations.StorageProvisioner, out var ga)
            ? ga
            : annotations.TryGetValue(StorageAnnotations.BetaStorageProvisioner, out var beta) ? beta : null;
        return provisioner == LocalPathNames.Provisioner
            && annotations.TryGetValue(StorageAnnotations.SelectedNode, out var node) && node == nodeName
            && string.IsNullOrEmpty(claim.Spec?.VolumeName)
            && claim.Status?.Phase is null or "Pending";
    }

    private static string? Unsupported(V1PersistentVolumeClaim claim, V1StorageClass storageClass)
    {
        var spec = claim.Spec;
        if (spec?.Selector is not null)
        {
            return "claim.Spec.Selector is not supported";
        }

        if (spec?.DataSource is not null || spec?.DataSourceRef is not null)
        {
            return "claim.Spec.DataSource is not supported: volumes start empty";
        }

        if (spec?.VolumeMode == "Block")
        {
            return "volumeMode Block is not supported: local-path volumes are directories (Filesystem)";
        }

        var modes = spec?.AccessModes ?? [];
        if (modes.Count == 0 || modes.Any(m => !SupportedAccessModes.Contains(m)))
        {
            return "Only support ReadWriteOnce and ReadWriteOncePod access modes";
        }

        if (spec?.Resources?.Requests?.ContainsKey("storage") != true)
        {
            return "claim.Spec.Resources.Requests has no storage size";
        }

        if (storageClass.Parameters?.Count > 0)
        {
            return $"StorageClass parameters are not supported by {LocalPathNames.Provisioner}: {string.Join(", ", storageClass.Parameters.Keys.Order(StringComparer.Ordinal))}";
        }

        return storageClass.MountOptions?.Count > 0
            ? $"StorageClass mountOptions are not supported by {LocalPathNames.Provisioner}: local-path volumes are directories, not mounts"
            : null;
    }

    private static bool IsReleasedForDeletion(V1PersistentVolume volume, string nodeName) =>
        volume.Metadata?.Annotations?.TryGetValue(StorageAnnotations.ProvisionedBy, out var by) == true && by == LocalPathNames.Provisioner
        && volume.Metadata.DeletionTimestamp is null
        && volume.Status?.Phase == "Released"
        && (volume.Spec?.PersistentVolumeReclaimPolicy ?? "Delete") == "Delete"
        && LocalPathVolumes.NodeOf(volume) == nodeName;

    private static DeleteVolume ToDelete(V1PersistentVolume volume, string storageRoot)
    {
        var path = volume.Spec.HostPath?.Path ?? volume.Spec.Local?.Path;
        if (path is null)
        {
            return new DeleteVolume(volume, null, "the volume has neither a hostPath nor a local path");
        }

        // Only a directory directly under the storage root is ever removed: a volume edited to point elsewhere is refused.
        var full = Path.GetFullPath(path);
        return Path.GetDirectoryName(full) == Path.GetFullPath(storageRoot).TrimEnd('/') && Path.GetFileName(full).StartsWith(volume.Metadata.Name + "_", StringComparison.Ordinal)
            ? new DeleteVolume(volume, full)
            : new DeleteVolume(volume, null, $"path {path} is not a directory {LocalPathNames.Provisioner} made under {storageRoot}: not removed");
    }

    private static string Failed(string className, string error) => $"failed to provision volume with StorageClass \"{className}\": {error}";
}
