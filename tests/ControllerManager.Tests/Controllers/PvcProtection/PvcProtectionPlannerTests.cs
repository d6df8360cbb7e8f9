using k8s.Models;
using Orchestrator.ControllerManager.Controllers.PvcProtection;

namespace Orchestrator.ControllerManager.Tests.Controllers.PvcProtection;

public sealed class PvcProtectionPlannerTests
{
    private const string Finalizer = "kubernetes.io/pvc-protection";

    private static V1PersistentVolumeClaim Claim(bool deleting, bool hasFinalizer) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "data",
            NamespaceProperty = "default",
            DeletionTimestamp = deleting ? DateTime.UtcNow : null,
            Finalizers = hasFinalizer ? [Finalizer] : null,
        },
    };

    /// <summary>"node:phase:deleting(0/1/force):claim|ephemeral".</summary>
    private static V1Pod Pod(string spec)
    {
        var f = spec.Split(':');
        var volume = f[3] == "ephemeral"
            ? new V1Volume { Name = "data", Ephemeral = new V1EphemeralVolumeSource() }
            : new V1Volume { Name = "v", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = f[3] } };
        return new V1Pod
        {
            // The ephemeral volume "data" of pod "web" is the claim "web-data"; the table's claim is "data".
            Metadata = new V1ObjectMeta
            {
                Name = f[3] == "ephemeral" ? "web" : "p",
                DeletionTimestamp = f[2] == "0" ? null : DateTime.UtcNow,
                DeletionGracePeriodSeconds = f[2] == "force" ? 0 : f[2] == "1" ? 30 : null,
            },
            Spec = new V1PodSpec { NodeName = f[0].Length == 0 ? null : f[0], Volumes = [volume] },
            Status = new V1PodStatus { Phase = f[1] },
        };
    }

    [Theory]
    [InlineData(false, false, "", "Add")]
    [InlineData(false, true, "n1:Running:0:data", "None")]
    [InlineData(true, true, "", "Remove")]
    [InlineData(true, true, "n1:Running:0:data", "None")]
    [InlineData(true, true, "n1:Running:1:data", "None")]          // terminating gracefully: still mounted
    [InlineData(true, true, "n1:Running:force:data", "Remove")]    // force-deleted or done: no longer counts
    [InlineData(true, true, "n1:Succeeded:0:data", "Remove")]
    [InlineData(true, true, "n1:Failed:0:data", "Remove")]
    [InlineData(true, true, ":Pending:0:data", "Remove")]          // not scheduled: the kubelet will refuse a deleted claim
    [InlineData(true, true, "n1:Running:0:other", "Remove")]
    [InlineData(true, false, "", "None")]
    public void The_finalizer_goes_only_when_no_running_scheduled_pod_uses_the_claim(bool deleting, bool hasFinalizer, string pod, string expected)
    {
        var pods = pod.Length == 0 ? [] : new[] { Pod(pod) };

        Assert.Equal(expected, PvcProtectionPlanner.Plan(Claim(deleting, hasFinalizer), pods).ToString());
    }

    [Fact]
    public void A_generic_ephemeral_volume_uses_the_claim_named_after_its_pod_and_volume()
    {
        var pod = Pod("n1:Running:0:ephemeral");

        Assert.True(PvcProtectionPlanner.Uses(pod, "web-data"));
        Assert.False(PvcProtectionPlanner.Uses(pod, "data"));
    }
}
