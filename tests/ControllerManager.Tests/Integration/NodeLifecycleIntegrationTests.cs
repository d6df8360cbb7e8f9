using k8s;
using k8s.Models;
using Orchestrator.ControllerManager.Controllers.NodeLifecycle;

namespace Orchestrator.ControllerManager.Tests.Integration;

public sealed class NodeLifecycleIntegrationTests
{
    private static readonly NodeLifecycleOptions Fast = new()
    {
        NodeMonitorGracePeriod = TimeSpan.FromSeconds(1),
        NodeStartupGracePeriod = TimeSpan.FromSeconds(1),
        NodeMonitorPeriod = TimeSpan.FromMilliseconds(200),
    };

    private static V1Pod Pod(string name, string node, params V1Toleration[] tolerations) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { NodeName = node, Tolerations = tolerations, Containers = [new V1Container { Name = "c", Image = "busybox" }] },
    };

    [Fact]
    public async Task A_node_whose_lease_stops_is_marked_unknown_tainted_and_drained_of_pods_whose_toleration_ran_out()
    {
        await using var harness = await ControllerHarness.StartAsync(c => [new NodeLifecycleController(c, Fast)]);
        var client = harness.Client;
        var now = DateTime.UtcNow;
        await client.CoreV1.CreateNodeAsync(new V1Node
        {
            Metadata = new V1ObjectMeta { Name = "n1" },
            Status = new V1NodeStatus { Conditions = [new V1NodeCondition { Type = "Ready", Status = "True", Reason = "KubeletReady", LastHeartbeatTime = now, LastTransitionTime = now }] },
        });
        await client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = "n1" },
            Spec = new V1LeaseSpec { HolderIdentity = "n1", LeaseDurationSeconds = 40, RenewTime = now },
        }, "kube-node-lease");
        var unreachable = "node.kubernetes.io/unreachable";
        await client.CoreV1.CreateNamespacedPodAsync(Pod("short", "n1", new V1Toleration { Key = unreachable, OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = 1 }), "default");
        await client.CoreV1.CreateNamespacedPodAsync(Pod("forever", "n1", new V1Toleration { OperatorProperty = "Exists" }), "default");
        await client.CoreV1.CreateNamespacedPodAsync(Pod("default-300s", "n1"), "default");

        await harness.EventuallyAsync(async () =>
        {
            var node = await client.CoreV1.ReadNodeAsync("n1");
            return node.Spec?.Taints?.Any(t => t.Key == unreachable && t.Effect == "NoExecute") ?? false;
        }, "the node is tainted unreachable");
        var tainted = await client.CoreV1.ReadNodeAsync("n1");
        var ready = Assert.Single(tainted.Status.Conditions, c => c.Type == "Ready");
        Assert.Equal(("Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status."), (ready.Status, ready.Reason, ready.Message));
        Assert.Contains(tainted.Spec.Taints, t => t.Key == unreachable && t.Effect == "NoSchedule");

        await harness.EventuallyAsync(async () =>
            await ControllerHarness.GoneAsync(() => client.CoreV1.ReadNamespacedPodAsync("short", "default"))
            || (await client.CoreV1.ReadNamespacedPodAsync("short", "default")).Metadata.DeletionTimestamp is not null,
            "the pod whose toleration ran out is deleted");
        Assert.Null((await client.CoreV1.ReadNamespacedPodAsync("forever", "default")).Metadata.DeletionTimestamp);
        Assert.Null((await client.CoreV1.ReadNamespacedPodAsync("default-300s", "default")).Metadata.DeletionTimestamp);

        // The kubelet comes back: Ready again, and the taints go.
        var recovered = await client.CoreV1.ReadNodeAsync("n1");
        recovered.Status.Conditions = [new V1NodeCondition { Type = "Ready", Status = "True", Reason = "KubeletReady", LastHeartbeatTime = DateTime.UtcNow, LastTransitionTime = DateTime.UtcNow }];
        await client.CoreV1.ReplaceNodeStatusAsync(recovered, "n1");
        await harness.EventuallyAsync(async () => (await client.CoreV1.ReadNodeAsync("n1")).Spec?.Taints is null or { Count: 0 }, "the taints are removed");
    }

    [Fact]
    public async Task A_not_ready_node_gets_the_not_ready_taints()
    {
        await using var harness = await ControllerHarness.StartAsync(c => [new NodeLifecycleController(c)]);
        var client = harness.Client;
        await client.CoreV1.CreateNodeAsync(new V1Node
        {
            Metadata = new V1ObjectMeta { Name = "n2" },
            Status = new V1NodeStatus { Conditions = [new V1NodeCondition { Type = "Ready", Status = "False", Reason = "KubeletNotReady", LastHeartbeatTime = DateTime.UtcNow }] },
        });

        await harness.EventuallyAsync(async () =>
        {
            var taints = (await client.CoreV1.ReadNodeAsync("n2")).Spec?.Taints ?? [];
            return taints.Any(t => t is { Key: "node.kubernetes.io/not-ready", Effect: "NoExecute" }) && taints.Any(t => t is { Key: "node.kubernetes.io/not-ready", Effect: "NoSchedule" });
        }, "the node has the not-ready taints");
    }
}
