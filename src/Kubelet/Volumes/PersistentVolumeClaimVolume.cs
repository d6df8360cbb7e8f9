using k8s.Autorest;
using Orchestrator.Client.Errors;
using Orchestrator.Kubelet.Storage.LocalPath;
using Orchestrator.ApiMachinery.Storage;

namespace Orchestrator.Kubelet.Volumes;

/// <summary>
/// A pod's persistentVolumeClaim volume, as upstream's kubelet handles it: the claim must be Bound (and not being
/// deleted) to a volume whose claimRef carries the claim's uid (the desired-state populator's checks and words);
/// then the volume's hostPath (with its type's checks, DirectoryOrCreate creating the directory) or local path
/// (which must exist and be a directory: formatting a device is not done here) is what the containers mount,
/// read-only when the pod's volume source says so. fsGroup ownership is applied, once per pod, to local volumes
/// (upstream's local plugin does) and to hostPath volumes the local-path provisioner made, never to other
/// hostPath volumes (upstream's hostPath plugin never changes ownership of a host directory).
/// </summary>
internal static class PersistentVolumeClaimVolume
{
    public const string LocalPlugin = "kubernetes.io~local-volume";
    public const string HostPathPlugin = "kubernetes.io~host-path";

    /// <summary>The claim and its bound volume.</summary>
    /// <exception cref="VolumeProcessingException">Not bound yet, being deleted, missing, or the volume is not bound to this claim.</exception>
    public static async Task<ClaimVolume> ResolveAsync(V1Pod pod, V1Volume volume, IPersistentVolumes? volumes, CancellationToken ct)
    {
        var source = volume.PersistentVolumeClaim;
        var ns = pod.Metadata?.NamespaceProperty ?? string.Empty;
        var prefix = $"error processing PVC {ns}/{source.ClaimName}: ";
        if (volumes is null)
        {
            throw new VolumeProcessingException(prefix + "this kubelet has no API client to read claims with");
        }

        var claim = await Fetch(() => volumes.GetClaimAsync(ns, source.ClaimName, ct), prefix + "failed to fetch PVC from API server: ")
            ?? throw new VolumeProcessingException($"{prefix}failed to fetch PVC from API server: persistentvolumeclaims \"{source.ClaimName}\" not found");
        if (claim.Metadata?.DeletionTimestamp is not null)
        {
            throw new VolumeProcessingException(prefix + "PVC is being deleted");
        }

        if (claim.Status?.Phase != "Bound")
        {
            throw new VolumeProcessingException(prefix + "PVC is not bound");
        }

        var name = claim.Spec?.VolumeName;
        if (string.IsNullOrEmpty(name))
        {
            throw new VolumeProcessingException(prefix + "PVC has empty pvc.Spec.VolumeName");
        }

        var bound = await Fetch(() => volumes.GetVolumeAsync(name, ct), $"{prefix}failed to fetch PV {name} from API server: ")
            ?? throw new VolumeProcessingException($"{prefix}failed to fetch PV {name} from API server: persistentvolumes \"{name}\" not found");
        if (bound.Spec?.ClaimRef is not { } claimRef)
        {
            throw new VolumeProcessingException($"{prefix}found PV object {name} but it has a nil pv.Spec.ClaimRef indicating it is not yet bound to the claim");
        }

        if (claimRef.Uid != claim.Metadata?.Uid)
        {
            throw new VolumeProcessingException($"{prefix}found PV object {name} but its pv.Spec.ClaimRef.UID {claimRef.Uid} does not point to claim.UID {claim.Metadata?.Uid}");
        }

        if (bound.Spec.VolumeMode == "Block")
        {
            throw new VolumeProcessingException($"volume {volume.Name} has volumeMode Block, but is specified in volumeMounts");
        }

        return new ClaimVolume(claim, bound, source.ReadOnlyProperty == true);
    }

    /// <summary>Readies the volume's host path and returns it.</summary>
    /// <param name="pod">The pod (its fsGroup).</param>
    /// <param name="name">The pod's name for the volume.</param>
    /// <param name="resolved">The claim and volume.</param>
    /// <param name="volumesDir">The pod's volumes directory, where a marker records that fsGroup was applied for this pod.</param>
    /// <exception cref="VolumeSetupException">The path fails its type check, or the volume has no source this kubelet mounts.</exception>
    public static string SetUp(V1Pod pod, string name, ClaimVolume resolved, string volumesDir)
    {
        var spec = resolved.Volume.Spec;
        string path;
        string plugin;
        bool ownership;
        if (spec.HostPath is { } hostPath)
        {
            path = HostPathVolume.SetUp(hostPath);
            plugin = HostPathPlugin;
            ownership = resolved.Volume.Metadata?.Annotations?.TryGetValue(StorageAnnotations.ProvisionedBy, out var by) == true && by == LocalPathNames.Provisioner;
        }
        else if (spec.Local is { } local)
        {
            path = local.Path;
            var kind = FileTypes.Of(path);
            if (kind != FileKind.Directory)
            {
                throw new VolumeSetupException(kind == FileKind.Missing
                    ? $"path \"{path}\" of local volume {resolved.Volume.Metadata?.Name} does not exist"
                    : $"path \"{path}\" of local volume {resolved.Volume.Metadata?.Name} is not a directory: this kubelet does not format and mount devices");
            }

            plugin = LocalPlugin;
            ownership = true;
        }
        else
        {
            throw new VolumeSetupException($"persistent volume {resolved.Volume.Metadata?.Name} is neither hostPath nor local, the only kinds this kubelet mounts");
        }

        var marker = Path.Join(volumesDir, plugin, name);
        if (!Directory.Exists(marker))
        {
            Directory.CreateDirectory(marker);
            if (ownership && !resolved.ReadOnly)
            {
                var security = pod.Spec?.SecurityContext;
                VolumeOwnership.Apply(path, security?.FsGroup, readOnly: false, security?.FsGroupChangePolicy);
            }
        }

        return path;
    }

    private static async Task<T?> Fetch<T>(Func<Task<T?>> read, string failure)
        where T : class
    {
        try
        {
            return await read();
        }
        catch (HttpOperationException e)
        {
            throw new VolumeProcessingException(failure + ApiFailures.Message(e), e);
        }
    }
}
