using k8s.Models;
using Orchestrator.ControllerManager.Controllers.PersistentVolume;
using static Orchestrator.ControllerManager.Tests.Controllers.PersistentVolume.StorageObjects;

namespace Orchestrator.ControllerManager.Tests.Controllers.PersistentVolume;

/// <summary>Upstream's syncVolume and reclaimVolume cases (pv_controller_test.go "Unit test set" 4 and the reclaim tests) as a table.</summary>
public sealed class VolumePlannerTests
{
    private const string Provisioned = "pv.kubernetes.io/provisioned-by";

    public static TheoryData<string, V1PersistentVolume, V1PersistentVolumeClaim?, string> Cases => new()
    {
        { "an unused volume is Available", Volume("v", phase: "Pending"), null, "phase=Available" },
        { "a volume pre-bound to a claim not bound yet is Available", Volume("v", claimRef: RefTo("c"), phase: "Pending"), null, "phase=Available" },
        { "a volume whose claim points back is Bound", Volume("v", claimRef: RefTo("c", "uid-c"), phase: "Available"), Claim("c", volumeName: "v"), "phase=Bound" },
        { "a half-bound volume hands over to the claim's sync", Volume("v", claimRef: RefTo("c", "uid-c")), Claim("c"), "claim=default/c" },
        { "a half-bound volume of another volumeMode warns on both", Volume("v", claimRef: RefTo("c", "uid-c"), volumeMode: "Block"), Claim("c"),
            "events=volume:VolumeMismatch,claim:VolumeMismatch" },
        { "Retain: a volume whose claim is gone is Released and stays", Volume("v", claimRef: RefTo("c", "uid-c"), phase: "Bound", reclaim: "Retain"), null, "phase=Released" },
        { "Retain: a Released volume stays Released", Volume("v", claimRef: RefTo("c", "uid-c"), phase: "Released", reclaim: "Retain"), null, "" },
        { "a claim recreated with another uid counts as gone", Volume("v", claimRef: RefTo("c", "uid-old"), phase: "Bound"), Claim("c"), "phase=Released" },
        { "Delete by an external provisioner is left to it", Volume("v", claimRef: RefTo("c", "uid-c"), phase: "Bound", reclaim: "Delete", annotations: Annotations(Provisioned + "=example.com/local")), null,
            "phase=Released" },
        { "Delete without a plugin fails", Volume("v", claimRef: RefTo("c", "uid-c"), phase: "Bound", reclaim: "Delete"), null,
            "phase=Failed;event=Warning/VolumeFailedDelete:host_path deleter only supports /tmp/.+ but received provided /data/v" },
        { "Delete of an in-tree provisioner's volume fails without it", Volume("v", claimRef: RefTo("c", "uid-c"), phase: "Bound", reclaim: "Delete", annotations: Annotations(Provisioned + "=kubernetes.io/gce-pd")), null,
            "phase=Failed;event=Warning/VolumeFailedDelete:no volume plugin matched name: kubernetes.io/gce-pd" },
        { "Recycle is not supported", Volume("v", claimRef: RefTo("c", "uid-c"), phase: "Bound", reclaim: "Recycle"), null,
            "phase=Failed;event=Warning/VolumeFailedRecycle:No recycler plugin found for the volume!" },
        { "an unknown policy fails", Volume("v", claimRef: RefTo("c", "uid-c"), phase: "Bound", reclaim: "Shred"), null,
            "phase=Failed;event=Warning/VolumeUnknownReclaimPolicy:Volume has unrecognized PersistentVolumeReclaimPolicy" },
        { "a provisioned Delete volume whose claim bound elsewhere is released", Volume("v", claimRef: RefTo("c", "uid-c"), phase: "Bound", reclaim: "Delete", annotations: Annotations(Provisioned + "=example.com/x")),
            Claim("c", volumeName: "other"), "phase=Released" },
        { "a controller binding to a claim bound elsewhere is rolled back", Volume("v", claimRef: RefTo("c", "uid-c"), phase: "Bound", annotations: Annotations("pv.kubernetes.io/bound-by-controller")),
            Claim("c", volumeName: "other"), "unbind" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Volumes_are_planned_as_upstream_syncs_them(string why, V1PersistentVolume volume, V1PersistentVolumeClaim? claim, string expected)
    {
        var plan = VolumePlanner.Plan(volume, claim);

        var parts = new List<string>();
        if (plan.Unbind)
        {
            parts.Add("unbind");
        }

        if (plan.Phase is { } phase && phase != volume.Status?.Phase)
        {
            parts.Add("phase=" + phase);
        }

        if (plan.PhaseEvent is { } e)
        {
            parts.Add($"event={e.Type}/{e.Reason}:{e.Message}");
        }

        if (plan.Events.Count > 0)
        {
            parts.Add("events=" + string.Join(',', plan.Events.Select(x => (x.OnClaim ? "claim:" : "volume:") + x.Event.Reason)));
        }

        if (plan.Claim is { } key)
        {
            parts.Add($"claim={key.Namespace}/{key.Name}");
        }

        Assert.True(string.Join(';', parts) == expected, $"{why}: expected {expected}, got {string.Join(';', parts)}");
    }

    [Fact]
    public void A_Failed_volume_is_not_set_back_to_Released()
    {
        var plan = VolumePlanner.Plan(Volume("v", claimRef: RefTo("c", "uid-c"), phase: "Failed", reclaim: "Retain"), null);

        Assert.Null(plan.Phase);
    }
}
