using k8s.Models;
using Orchestrator.ControllerManager.Controllers.ReplicaSet;
using static Orchestrator.ControllerManager.Tests.Controllers.TestObjects;

namespace Orchestrator.ControllerManager.Tests.Controllers.ReplicaSet;

public sealed class PodDeletionOrderTests
{
    public static TheoryData<string, V1Pod, V1Pod> Orderings => new()
    {
        { "unassigned before assigned", NewPod("x", node: "", phase: "Pending"), NewPod("y", phase: "Pending") },
        { "pending before running", NewPod("x", phase: "Pending"), NewPod("y") },
        { "pending before unknown", NewPod("x", phase: "Pending"), NewPod("y", phase: "Unknown") },
        { "unknown before running", NewPod("x", phase: "Unknown"), NewPod("y") },
        { "not ready before ready", NewPod("x", ready: false), NewPod("y") },
        { "lower deletion cost first", WithCost(NewPod("x"), "-5"), WithCost(NewPod("y"), "10") },
        { "ready for a shorter time first", NewPod("x", readySince: Now.AddMinutes(-1)), NewPod("y", readySince: Now.AddDays(-3)) },
        { "more restarts first", NewPod("x", restarts: 7), NewPod("y", restarts: 0) },
        { "newer first", NewPod("x", created: Now.AddMinutes(-2)), NewPod("y", created: Now.AddDays(-30)) },
    };

    [Theory]
    [MemberData(nameof(Orderings))]
    public void Prefers_the_first_pod_for_deletion(string because, V1Pod first, V1Pod second)
    {
        var order = new PodDeletionOrder(PodDeletionOrder.RankByColocation([first, second], []), Now);

        Assert.True(order.Compare(first, second) < 0, because);
        Assert.True(order.Compare(second, first) > 0, because);
    }

    [Fact]
    public void Pods_doubled_up_on_a_node_go_first()
    {
        var crowded = NewPod("crowded", node: "busy");
        var alone = NewPod("alone", node: "quiet");
        var related = new[] { crowded, NewPod("sibling-1", node: "busy"), NewPod("sibling-2", node: "busy"), alone };

        var order = new PodDeletionOrder(PodDeletionOrder.RankByColocation([crowded, alone], related), Now);

        Assert.True(order.Compare(crowded, alone) < 0);
    }

    [Fact]
    public void Similar_ages_tie_on_the_log_scale_and_fall_back_to_uid()
    {
        // 100 s and 101 s old are in the same power-of-two bucket of nanoseconds.
        var a = NewPod("a", created: Now.AddSeconds(-100));
        var b = NewPod("b", created: Now.AddSeconds(-101));

        var order = new PodDeletionOrder(PodDeletionOrder.RankByColocation([a, b], []), Now);

        Assert.True(order.Compare(a, b) < 0);
        Assert.True(order.Compare(b, a) > 0);
    }

    private static V1Pod WithCost(V1Pod pod, string cost)
    {
        pod.Metadata.Annotations = new Dictionary<string, string> { [PodDeletionOrder.DeletionCostAnnotation] = cost };
        return pod;
    }
}
