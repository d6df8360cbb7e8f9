using k8s.Models;
using Orchestrator.ControllerManager.Controllers.PvProtection;

namespace Orchestrator.ControllerManager.Tests.Controllers.PvProtection;

public sealed class PvProtectionPlannerTests
{
    [Theory]
    [InlineData(false, false, "Available", "Add")]
    [InlineData(false, true, "Bound", "None")]
    [InlineData(true, true, "Bound", "None")]
    [InlineData(true, true, "Released", "Remove")]
    [InlineData(true, true, "Available", "Remove")]
    [InlineData(true, true, "Failed", "Remove")]
    [InlineData(true, false, "Released", "None")]
    public void A_volume_being_deleted_keeps_its_finalizer_while_Bound(bool deleting, bool hasFinalizer, string phase, string expected)
    {
        var volume = new V1PersistentVolume
        {
            Metadata = new V1ObjectMeta { Name = "v", DeletionTimestamp = deleting ? DateTime.UtcNow : null, Finalizers = hasFinalizer ? ["kubernetes.io/pv-protection"] : null },
            Status = new V1PersistentVolumeStatus { Phase = phase },
        };

        Assert.Equal(expected, PvProtectionPlanner.Plan(volume).ToString());
    }
}
