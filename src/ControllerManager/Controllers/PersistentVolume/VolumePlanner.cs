namespace Orchestrator.ControllerManager.Controllers.PersistentVolume;

/// <summary>
/// Upstream's syncVolume and reclaimVolume (pv_controller.go) as a pure decision. Reclaiming: Retain keeps
/// a Released volume as it is; Delete of a volume an external provisioner made (pv.kubernetes.io/provisioned-by
/// not in "kubernetes.io/") is that provisioner's job; any other Delete, and Recycle, need an in-tree plugin
/// this binder does not have, so the volume goes Failed with upstream's event.
/// </summary>
internal static class VolumePlanner
{
    /// <param name="volume">The volume, as cached.</param>
    /// <param name="claim">The claim its claimRef names, looked up by the caller (null when there is none).</param>
    public static VolumePlan Plan(V1PersistentVolume volume, V1PersistentVolumeClaim? claim)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var reference = volume.Spec?.ClaimRef;
        if (reference is null || string.IsNullOrEmpty(reference.Uid))
        {
            // Unused, or pre-bound by the user to a claim whose sync will finish the binding.
            return new VolumePlan { Phase = "Available" };
        }

        if (claim is null || claim.Metadata.Uid != reference.Uid)
        {
            return Release(volume);
        }

        if (string.IsNullOrEmpty(claim.Spec?.VolumeName))
        {
            if (VolumeMatching.VolumeModeMismatch(claim, volume))
            {
                return new VolumePlan
                {
                    Events =
                    [
                        (false, BinderEvent.Warning("VolumeMismatch", $"Cannot bind PersistentVolume to requested PersistentVolumeClaim \"{claim.Metadata.Name}\" due to incompatible volumeMode.")),
                        (true, BinderEvent.Warning("VolumeMismatch", $"Cannot bind PersistentVolume \"{volume.Metadata.Name}\" to requested PersistentVolumeClaim due to incompatible volumeMode.")),
                    ],
                };
            }

            // Half-bound (by this controller, a provisioner or the scheduler): the claim's sync completes it.
            return new VolumePlan { Claim = new NamespacedName(claim.Metadata.NamespaceProperty, claim.Metadata.Name) };
        }

        if (claim.Spec.VolumeName == volume.Metadata.Name)
        {
            return new VolumePlan { Phase = "Bound" };
        }

        // The claim is bound to another volume.
        var annotations = volume.Metadata.Annotations;
        if (annotations?.ContainsKey(StorageAnnotations.ProvisionedBy) == true && volume.Spec?.PersistentVolumeReclaimPolicy == "Delete")
        {
            return Release(volume);
        }

        return new VolumePlan { Unbind = true };
    }

    /// <summary>The claim is gone: Released (a Failed volume stays Failed), then the reclaim policy.</summary>
    private static VolumePlan Release(V1PersistentVolume volume)
    {
        var phase = volume.Status?.Phase;
        var released = phase is "Released" or "Failed" ? null : "Released";
        return Reclaim(volume) is { } failure
            ? new VolumePlan { Phase = "Failed", Message = failure.Message, PhaseEvent = failure }
            : new VolumePlan { Phase = released };
    }

    /// <summary>The event of a reclaim this binder cannot do (the volume goes Failed), or null when there is nothing to do here.</summary>
    public static BinderEvent? Reclaim(V1PersistentVolume volume)
    {
        var name = volume.Metadata.Name;
        switch (volume.Spec?.PersistentVolumeReclaimPolicy)
        {
            case "Retain":
                return null;
            case "Recycle":
                return BinderEvent.Warning("VolumeFailedRecycle", "No recycler plugin found for the volume!");
            case "Delete":
                if (volume.Metadata.Annotations?.TryGetValue(StorageAnnotations.ProvisionedBy, out var provisioner) == true && provisioner.Length > 0)
                {
                    return provisioner.StartsWith("kubernetes.io/", StringComparison.Ordinal)
                        ? BinderEvent.Warning("VolumeFailedDelete", $"no volume plugin matched name: {provisioner}")
                        : null;
                }

                return volume.Spec.HostPath is { } hostPath
                    ? BinderEvent.Warning("VolumeFailedDelete", $"host_path deleter only supports /tmp/.+ but received provided {hostPath.Path}")
                    : BinderEvent.Warning("VolumeFailedDelete", $"error getting deleter volume plugin for volume \"{name}\": no deletable volume plugin matched");
            default:
                return BinderEvent.Warning("VolumeUnknownReclaimPolicy", "Volume has unrecognized PersistentVolumeReclaimPolicy");
        }
    }
}
