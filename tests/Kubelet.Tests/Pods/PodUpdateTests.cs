using k8s.Models;
using Orchestrator.Kubelet.Pods;

namespace Orchestrator.Kubelet.Tests.Pods;

public sealed class PodUpdateTests
{
    [Fact]
    public void A_status_only_update_is_not_a_reason_to_sync()
    {
        var old = Pod();
        var updated = Pod();
        updated.Metadata.ResourceVersion = "2";
        updated.Status = new V1PodStatus { Phase = "Running" };

        Assert.False(PodUpdate.DiffersBeyondStatus(old, updated));
    }

    [Theory]
    [InlineData("image")]
    [InlineData("node")]
    [InlineData("deletion")]
    [InlineData("label")]
    [InlineData("annotation")]
    public void Spec_metadata_and_deletion_changes_are(string change)
    {
        var updated = Pod();
        switch (change)
        {
            case "image": updated.Spec.Containers[0].Image = "busybox:2"; break;
            case "node": updated.Spec.NodeName = "n2"; break;
            case "deletion": updated.Metadata.DeletionTimestamp = DateTime.UtcNow; break;
            case "label": updated.Metadata.Labels = new Dictionary<string, string> { ["a"] = "b" }; break;
            case "annotation": updated.Metadata.Annotations = new Dictionary<string, string> { ["a"] = "b" }; break;
        }

        Assert.True(PodUpdate.DiffersBeyondStatus(Pod(), updated));
    }

    private static V1Pod Pod() => new()
    {
        Metadata = new V1ObjectMeta { Name = "p", Uid = "u", ResourceVersion = "1" },
        Spec = new V1PodSpec { NodeName = "n1", Containers = [new V1Container { Name = "c", Image = "busybox:1" }] },
    };
}
