using k8s.Models;
using Orchestrator.ControllerManager.Controllers.PersistentVolume;
using static Orchestrator.ControllerManager.Tests.Controllers.PersistentVolume.StorageObjects;

namespace Orchestrator.ControllerManager.Tests.Controllers.PersistentVolume;

/// <summary>Upstream's syncClaim cases (pv_controller_test.go "Unit test set" 1 to 3) as a table.</summary>
public sealed class ClaimPlannerTests
{
    private const string Completed = "pv.kubernetes.io/bind-completed";
    private const string ByController = "pv.kubernetes.io/bound-by-controller";

    public static TheoryData<string, V1PersistentVolumeClaim, V1PersistentVolume[], V1StorageClass[], string[], string> Cases => new()
    {
        { "the smallest volume that fits wins", Claim("c", "2Gi"), [Volume("big", "10Gi"), Volume("small", "3Gi"), Volume("tiny", "1Gi")], [], [], "bind=small" },
        { "a volume exactly the size asked fits", Claim("c", "1Gi"), [Volume("v", "1Gi")], [], [], "bind=v" },
        { "access modes must all be offered", Claim("c", modes: "ReadWriteMany"), [Volume("rwo", "1Gi", "ReadWriteOnce")], [], [], "phase=Pending;event=Normal/FailedBinding" },
        { "the fewest-modes volume is preferred over a smaller one with more modes", Claim("c", modes: "ReadWriteOnce"),
            [Volume("many", "1Gi", "ReadWriteOnce,ReadOnlyMany"), Volume("one", "5Gi", "ReadWriteOnce")], [], [], "bind=one" },
        { "the class must match", Claim("c", storageClass: "gold"), [Volume("plain", "1Gi"), Volume("gold", "5Gi", storageClass: "gold")], [Class("gold", "example.com/gold")], [], "bind=gold" },
        { "the selector must match", Claim("c", selector: new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["tier"] = "fast" } }),
            [Volume("slow", "1Gi", labels: new() { ["tier"] = "slow" }), Volume("fast", "9Gi", labels: new() { ["tier"] = "fast" })], [], [], "bind=fast" },
        { "volumeMode must match", Claim("c", volumeMode: "Block"), [Volume("fs", "1Gi"), Volume("block", "1Gi", volumeMode: "Block")], [], [], "bind=block" },
        { "volumes not Available are not chosen", Claim("c"), [Volume("released", phase: "Released"), Volume("pending", phase: "Pending")], [], [], "phase=Pending;event=Normal/FailedBinding" },
        { "a volume bound to another claim is not chosen", Claim("c"), [Volume("v", claimRef: RefTo("other", "uid-other"), phase: "Bound")], [], [], "phase=Pending;event=Normal/FailedBinding" },
        { "a volume pre-bound to the claim wins over a smaller free one", Claim("c", "1Gi"), [Volume("free", "1Gi"), Volume("mine", "5Gi", claimRef: RefTo("c"))], [], [], "bind=mine" },
        { "WaitForFirstConsumer: only the scheduler binds", Claim("c", storageClass: "local"), [Volume("v", storageClass: "local")], [Class("local", "kubernetes.io/no-provisioner", "WaitForFirstConsumer")], [],
            "phase=Pending;event=Normal/WaitForFirstConsumer:waiting for first consumer to be created before binding" },
        { "WaitForFirstConsumer names the pod that waits", Claim("c", storageClass: "local"), [], [Class("local", "example.com/local", "WaitForFirstConsumer")], ["web-0"],
            "phase=Pending;event=Normal/WaitForPodScheduled:waiting for pod web-0 to be scheduled" },
        { "WaitForFirstConsumer names every pod that waits", Claim("c", storageClass: "local"), [], [Class("local", "example.com/local", "WaitForFirstConsumer")], ["a", "b"],
            "phase=Pending;event=Normal/WaitForPodScheduled:waiting for pods a,b to be scheduled" },
        { "WaitForFirstConsumer with a selected node goes to the provisioner", Claim("c", storageClass: "local", annotations: Annotations("volume.kubernetes.io/selected-node=n1")), [],
            [Class("local", "example.com/local", "WaitForFirstConsumer")], [], "provisioner=example.com/local;event=Normal/ExternalProvisioning" },
        { "an external provisioner is named on the claim", Claim("c", storageClass: "fast"), [], [Class("fast", "example.com/fast")], [],
            "provisioner=example.com/fast;event=Normal/ExternalProvisioning:Waiting for a volume to be created either by the external provisioner 'example.com/fast' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered." },
        { "a claim already marked for its provisioner is not rewritten", Claim("c", storageClass: "fast", annotations: Annotations("volume.kubernetes.io/storage-provisioner=example.com/fast")), [],
            [Class("fast", "example.com/fast")], [], "event=Normal/ExternalProvisioning" },
        { "an in-tree provisioner name fails as upstream without the plugin", Claim("c", storageClass: "local"), [], [Class("local", "kubernetes.io/no-provisioner")], [],
            "event=Warning/ProvisioningFailed:no volume plugin matched name: kubernetes.io/no-provisioner" },
        { "a missing class fails provisioning", Claim("c", storageClass: "nowhere"), [], [], [], "event=Warning/ProvisioningFailed:storageclass.storage.k8s.io \"nowhere\" not found" },
        { "no class and no volume", Claim("c"), [], [], [],
            "phase=Pending;event=Normal/FailedBinding:no persistent volumes available for this claim and no storage class is set" },
        { "a claim that never named a class gets today's default", Claim("c", storageClass: null), [], [Class("std", "example.com/std", isDefault: true)], [], "class=std" },
        { "an explicitly empty class is not defaulted", Claim("c", storageClass: ""), [], [Class("std", "example.com/std", isDefault: true)], [], "phase=Pending;event=Normal/FailedBinding" },
        { "a requested volume that does not exist waits", Claim("c", volumeName: "v"), [], [], [], "phase=Pending" },
        { "a requested free volume is bound", Claim("c", volumeName: "v"), [Volume("v", "5Gi")], [], [], "bind=v" },
        { "a requested volume too small is refused", Claim("c", "5Gi", volumeName: "v"), [Volume("v", "1Gi")], [], [],
            "phase=Pending;event=Warning/VolumeMismatch:Cannot bind to requested volume \"v\": requested PV is too small" },
        { "a requested volume of another class is refused", Claim("c", volumeName: "v"), [Volume("v", storageClass: "gold")], [], [],
            "phase=Pending;event=Warning/VolumeMismatch:Cannot bind to requested volume \"v\": storageClassName does not match" },
        { "a requested volume already bound to this claim finishes binding", Claim("c", volumeName: "v"), [Volume("v", claimRef: RefTo("c", "uid-c"), phase: "Bound")], [], [], "bind=v" },
        { "a requested volume bound elsewhere waits with an event", Claim("c", volumeName: "v"), [Volume("v", claimRef: RefTo("x", "uid-x"), phase: "Bound")], [], [],
            "phase=Pending;event=Warning/FailedBinding:volume \"v\" already bound to a different claim." },
        { "bound claims stay bound", Claim("c", volumeName: "v", annotations: Annotations(Completed, ByController), phase: "Bound"),
            [Volume("v", claimRef: RefTo("c", "uid-c"), phase: "Bound")], [], [], "bind=v" },
        { "a bound claim whose volume lost its claimRef binds it again", Claim("c", volumeName: "v", annotations: Annotations(Completed), phase: "Bound"), [Volume("v")], [], [], "bind=v" },
        { "a bound claim without volumeName is lost", Claim("c", annotations: Annotations(Completed), phase: "Bound"), [], [], [],
            "phase=Lost;event=Warning/ClaimLost:Bound claim has lost reference to PersistentVolume. Data on the volume is lost!;once" },
        { "a bound claim whose volume is gone is lost", Claim("c", volumeName: "v", annotations: Annotations(Completed), phase: "Bound"), [], [], [],
            "phase=Lost;event=Warning/ClaimLost:Bound claim has lost its PersistentVolume. Data on the volume is lost!;once" },
        { "a bound claim whose volume holds another claim is misbound", Claim("c", volumeName: "v", annotations: Annotations(Completed), phase: "Bound"),
            [Volume("v", claimRef: RefTo("x", "uid-x"), phase: "Bound")], [], [], "phase=Lost;event=Warning/ClaimMisbound;once" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Claims_are_planned_as_upstream_syncs_them(string why, V1PersistentVolumeClaim claim, V1PersistentVolume[] volumes, V1StorageClass[] classes, string[] waitingPods, string expected)
    {
        var plan = ClaimPlanner.Plan(claim, volumes, classes, waitingPods);

        // An expected event without ":message" checks the type and reason only.
        var wanted = expected.Split(';');
        var described = string.Join(';', Describe(plan).Select((part, i) =>
            part.StartsWith("event=", StringComparison.Ordinal) && i < wanted.Length && !wanted[i].Contains(':', StringComparison.Ordinal) ? part.Split(':')[0] : part));
        Assert.True(described == expected, $"{why}: expected {expected}, got {described}");
    }

    [Fact]
    public void A_claim_bound_by_the_controller_to_a_volume_held_by_another_claim_fails_the_sync()
    {
        var claim = Claim("c", volumeName: "v", annotations: Annotations(ByController));

        var plan = ClaimPlanner.Plan(claim, [Volume("v", claimRef: RefTo("x", "uid-x"), phase: "Bound")], [], []);

        Assert.Equal("invalid binding of claim \"default/c\" to volume \"v\": volume already claimed by \"default/x\"", plan.Error);
        Assert.Equal("FailedBinding", plan.Event?.Reason);
    }

    private static List<string> Describe(ClaimPlan plan)
    {
        var parts = new List<string>();
        if (plan.AssignClass is { } c)
        {
            parts.Add("class=" + c);
        }

        if (plan.Bind is { } v)
        {
            parts.Add("bind=" + v.Metadata.Name);
        }

        if (plan.Provisioner is { } p)
        {
            parts.Add("provisioner=" + p);
        }

        if (plan.Phase is { } phase)
        {
            parts.Add("phase=" + phase);
        }

        if (plan.Event is { } e)
        {
            parts.Add($"event={e.Type}/{e.Reason}:{e.Message}");
        }

        if (plan.EventOnPhaseChange)
        {
            parts.Add("once");
        }

        return parts;
    }
}
