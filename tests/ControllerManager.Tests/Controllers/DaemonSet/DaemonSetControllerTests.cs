using k8s;
using k8s.Models;
using Orchestrator.ControllerManager.Controllers.DaemonSet;
using Orchestrator.ControllerManager.Controllers.Workloads;
using Orchestrator.ApiMachinery.Pods;

namespace Orchestrator.ControllerManager.Tests.Controllers.DaemonSet;

public sealed class DaemonSetControllerTests
{
    private static V1DaemonSet Manifest(string image) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "DaemonSet",
        Metadata = new V1ObjectMeta { Name = "agent", NamespaceProperty = "default" },
        Spec = new V1DaemonSetSpec
        {
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "agent" } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "agent" } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "agent", Image = image }] },
            },
        },
    };

    private static Task CreateNodeAsync(IKubernetes client, string name) =>
        client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = name } });

    private static async Task<Dictionary<string, List<V1Pod>>> PodsByNodeAsync(IKubernetes client) =>
        (await client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=agent")).Items
            .Where(p => p.Metadata.DeletionTimestamp is null)
            .GroupBy(p => DaemonPods.NodeOf(p) ?? "")
            .ToDictionary(g => g.Key, g => g.ToList());

    /// <summary>The controller may delete a pod while the test plays its kubelet.</summary>
    private static async Task IgnoreNotFound<T>(Func<Task<T>> call)
    {
        try
        {
            await call();
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
        }
    }

    [Fact]
    public async Task Runs_one_pod_per_node_and_follows_node_changes()
    {
        await using var harness = await ControllerHarness.StartAsync(c => new DaemonSetController(c));
        var client = harness.Client;
        await CreateNodeAsync(client, "node-a");
        await CreateNodeAsync(client, "node-b");
        await client.AppsV1.CreateNamespacedDaemonSetAsync(Manifest("agent:1"), "default");

        await harness.EventuallyAsync(async () =>
        {
            var byNode = await PodsByNodeAsync(client);
            return byNode.Count == 2 && byNode.Keys.Order().SequenceEqual(["node-a", "node-b"]) && byNode.Values.All(p => p.Count == 1);
        }, "one pod on each of two nodes");

        await CreateNodeAsync(client, "node-c");
        await harness.EventuallyAsync(async () => (await PodsByNodeAsync(client)).ContainsKey("node-c"), "a pod on the new node");

        await client.CoreV1.DeleteNodeAsync("node-a");
        await harness.EventuallyAsync(async () => !(await PodsByNodeAsync(client)).ContainsKey("node-a"), "the pod of the removed node to go");

        await harness.EventuallyAsync(async () =>
        {
            var ds = await client.AppsV1.ReadNamespacedDaemonSetStatusAsync("agent", "default");
            return ds.Status is { DesiredNumberScheduled: 2, CurrentNumberScheduled: 2, NumberMisscheduled: 0 } && ds.Status.ObservedGeneration == ds.Metadata.Generation;
        }, "the status to count two nodes");

        var pods = (await PodsByNodeAsync(client)).Values.SelectMany(p => p).ToList();
        var revisions = (await client.AppsV1.ListNamespacedControllerRevisionAsync("default")).Items;
        var revision = Assert.Single(revisions);
        Assert.All(pods, p => Assert.Equal(revision.Metadata.Labels[Revisions.HashLabel], p.Metadata.Labels[Revisions.HashLabel]));
        Assert.Equal("agent-" + revision.Metadata.Labels[Revisions.HashLabel], revision.Metadata.Name);
    }

    [Fact]
    public async Task Rolling_update_replaces_pods_one_node_at_a_time()
    {
        await using var harness = await ControllerHarness.StartAsync(c => new DaemonSetController(c));
        var client = harness.Client;
        await CreateNodeAsync(client, "node-a");
        await CreateNodeAsync(client, "node-b");
        await client.AppsV1.CreateNamespacedDaemonSetAsync(Manifest("agent:1"), "default");
        await harness.EventuallyAsync(async () => (await PodsByNodeAsync(client)).Count == 2, "two pods");

        var patch = new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"agent","image":"agent:2"}]}}}}""", V1Patch.PatchType.MergePatch);
        await client.AppsV1.PatchNamespacedDaemonSetAsync(patch, "agent", "default");

        var maxUnavailable = 0;
        await harness.EventuallyAsync(async () =>
        {
            var pods = (await client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=agent")).Items;
            var live = pods.Where(p => p.Metadata.DeletionTimestamp is null).ToList();
            maxUnavailable = Math.Max(maxUnavailable, 2 - live.Count(PodState.IsReady));
            foreach (var pod in live.Where(p => !PodState.IsReady(p)))
            {
                // Play the kubelet: the pod runs and turns ready.
                var status = new V1Patch("""{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}""", V1Patch.PatchType.MergePatch);
                await IgnoreNotFound(() => client.CoreV1.PatchNamespacedPodStatusAsync(status, pod.Metadata.Name, "default"));
            }

            foreach (var pod in pods.Where(p => p.Metadata.DeletionTimestamp is not null))
            {
                await IgnoreNotFound(() => client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, "default", new V1DeleteOptions { GracePeriodSeconds = 0 }));
            }

            return live.Count == 2 && live.All(p => p.Spec.Containers[0].Image == "agent:2" && PodState.IsReady(p));
        }, "every pod to run the new image");

        Assert.True(maxUnavailable <= 2);
        await harness.EventuallyAsync(async () =>
        {
            var ds = await client.AppsV1.ReadNamespacedDaemonSetStatusAsync("agent", "default");
            return ds.Status is { UpdatedNumberScheduled: 2, NumberReady: 2, NumberAvailable: 2 };
        }, "status to report two updated, ready pods");
        Assert.Equal(2, (await client.AppsV1.ListNamespacedControllerRevisionAsync("default")).Items.Count);
    }
}
