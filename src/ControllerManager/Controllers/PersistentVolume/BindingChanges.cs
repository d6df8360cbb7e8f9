namespace Orchestrator.ControllerManager.Controllers.PersistentVolume;

/// <summary>
/// The object changes of upstream's bind(): the volume's claimRef (and bound-by-controller when the user had
/// not pre-bound it), the claim's volumeName and annotations, the claim's status. Each returns a copy, or null
/// when the object already says so; the cached objects are never changed.
/// </summary>
internal static class BindingChanges
{
    /// <summary>GetBindVolumeToClaim: the volume pointing at the claim, uid included.</summary>
    public static V1PersistentVolume? VolumeToClaim(V1PersistentVolume volume, V1PersistentVolumeClaim claim) =>
        VolumeClaimBinding.BindVolumeToClaim(volume, claim);

    /// <summary>bindClaimToVolume: spec.volumeName, bound-by-controller when this controller chose it, bind-completed.</summary>
    public static V1PersistentVolumeClaim? ClaimToVolume(V1PersistentVolumeClaim claim, V1PersistentVolume volume)
    {
        var annotations = claim.Metadata.Annotations;
        var choose = claim.Spec?.VolumeName != volume.Metadata.Name;
        var markChosen = choose && annotations?.ContainsKey(StorageAnnotations.BoundByController) != true;
        var complete = annotations?.ContainsKey(StorageAnnotations.BindCompleted) != true;
        if (!choose && !complete)
        {
            return null;
        }

        var copy = ObjectCopy.Deep(claim);
        copy.Metadata.Annotations ??= new Dictionary<string, string>();
        if (choose)
        {
            copy.Spec.VolumeName = volume.Metadata.Name;
        }

        if (markChosen)
        {
            copy.Metadata.Annotations[StorageAnnotations.BoundByController] = "yes";
        }

        copy.Metadata.Annotations[StorageAnnotations.BindCompleted] = "yes";
        return copy;
    }

    /// <summary>
    /// updateClaimStatus: the phase; with a volume its access modes, and its capacity when the claim is only now
    /// becoming <paramref name="phase"/>; without one, no access modes or capacity.
    /// </summary>
    public static V1PersistentVolumeClaim? ClaimStatus(V1PersistentVolumeClaim claim, string phase, V1PersistentVolume? volume)
    {
        var status = claim.Status ?? new V1PersistentVolumeClaimStatus();
        var phaseChanges = status.Phase != phase;
        var modes = volume?.Spec?.AccessModes;
        var modesChange = volume is null ? status.AccessModes is not null : !SameModes(status.AccessModes, modes);
        var capacityChanges = volume is null
            ? status.Capacity is not null
            : phaseChanges && VolumeMatching.Storage(status.Capacity) != VolumeMatching.Storage(volume.Spec?.Capacity);
        if (!phaseChanges && !modesChange && !capacityChanges)
        {
            return null;
        }

        var copy = ObjectCopy.Deep(claim);
        copy.Status ??= new V1PersistentVolumeClaimStatus();
        copy.Status.Phase = phase;
        if (modesChange)
        {
            copy.Status.AccessModes = modes is null ? null : [.. modes];
        }

        if (capacityChanges)
        {
            copy.Status.Capacity = volume?.Spec?.Capacity is { } capacity ? new Dictionary<string, ResourceQuantity>(capacity) : null;
        }

        return copy;
    }

    /// <summary>unbindVolume: a binding the controller made goes entirely; a user's pre-binding keeps the claim's name.</summary>
    public static V1PersistentVolume Unbound(V1PersistentVolume volume)
    {
        var copy = ObjectCopy.Deep(volume);
        if (copy.Metadata.Annotations?.Remove(StorageAnnotations.BoundByController) == true)
        {
            copy.Spec.ClaimRef = null;
            if (copy.Metadata.Annotations.Count == 0)
            {
                copy.Metadata.Annotations = null;
            }
        }
        else if (copy.Spec.ClaimRef is not null)
        {
            copy.Spec.ClaimRef.Uid = null;
        }

        return copy;
    }

    private static bool SameModes(IList<string>? a, IList<string>? b) =>
        (a is null || a.Count == 0) ? (b is null || b.Count == 0) : b is not null && a.SequenceEqual(b);
}
