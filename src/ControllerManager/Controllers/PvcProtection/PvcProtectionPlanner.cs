namespace Orchestrator.ControllerManager.Controllers.PvcProtection;

/// <summary>
/// Upstream's pvc-protection decisions (pkg/controller/volume/pvcprotection): a claim being deleted keeps
/// <c>kubernetes.io/pvc-protection</c> while a scheduled pod that has not finished uses it, directly or as its
/// generic ephemeral volume; a pod force-deleted or done (deletionTimestamp with grace 0) no longer counts.
/// </summary>
internal static class PvcProtectionPlanner
{
    public static FinalizerChange Plan(V1PersistentVolumeClaim claim, IEnumerable<V1Pod> podsOfNamespace)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var has = claim.Metadata.Finalizers?.Contains(StorageAnnotations.PvcProtectionFinalizer) == true;
        if (claim.Metadata.DeletionTimestamp is null)
        {
            return has ? FinalizerChange.None : FinalizerChange.Add;
        }

        return has && !podsOfNamespace.Any(p => Uses(p, claim.Metadata.Name)) ? FinalizerChange.Remove : FinalizerChange.None;
    }

    /// <summary>The pod is scheduled, still running or about to, and mounts the claim.</summary>
    public static bool Uses(V1Pod pod, string claimName)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (string.IsNullOrEmpty(pod.Spec?.NodeName) || pod.Status?.Phase is "Succeeded" or "Failed"
            || (pod.Metadata.DeletionTimestamp is not null && pod.Metadata.DeletionGracePeriodSeconds == 0))
        {
            return false;
        }

        return pod.Spec.Volumes?.Any(v => ClaimNames(pod, v).Contains(claimName)) == true;
    }

    /// <summary>The claims a pod's volume refers to: its persistentVolumeClaim, or the claim of its ephemeral volume.</summary>
    public static IEnumerable<string> ClaimNames(V1Pod pod, V1Volume volume)
    {
        if (volume.PersistentVolumeClaim?.ClaimName is { Length: > 0 } name)
        {
            yield return name;
        }

        if (volume.Ephemeral is not null)
        {
            yield return pod.Metadata.Name + "-" + volume.Name;
        }
    }
}
