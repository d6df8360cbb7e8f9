using Orchestrator.ControllerManager.Controllers.PvcProtection;

namespace Orchestrator.ControllerManager.Controllers.PvProtection;

/// <summary>
/// Upstream's pv-protection decision (pkg/controller/volume/pvprotection): a volume being deleted keeps
/// <c>kubernetes.io/pv-protection</c> while its phase is Bound; a live volume without it gets it.
/// </summary>
internal static class PvProtectionPlanner
{
    public static FinalizerChange Plan(V1PersistentVolume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var has = volume.Metadata.Finalizers?.Contains(StorageAnnotations.PvProtectionFinalizer) == true;
        if (volume.Metadata.DeletionTimestamp is null)
        {
            return has ? FinalizerChange.None : FinalizerChange.Add;
        }

        return has && volume.Status?.Phase != "Bound" ? FinalizerChange.Remove : FinalizerChange.None;
    }
}
