using k8s;
using k8s.Models;
using Orchestrator.ControllerManager.Controllers.PodGc;

namespace Orchestrator.ControllerManager.Tests.Integration;

public sealed class PodGcIntegrationTests
{
    private static V1Pod Pod(string name, string? node) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { NodeName = node, Containers = [new V1Container { Name = "c", Image = "busybox" }] },
    };

    [Fact]
    public async Task Pods_bound_to_deleted_nodes_are_force_deleted_and_others_kept()
    {
        var options = new PodGcOptions { CheckPeriod = TimeSpan.FromMilliseconds(200) };
        await using var harness = await ControllerHarness.StartAsync(c => [new PodGcController(c, options)]);
        var client = harness.Client;
        await client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = "alive" } });
        await client.CoreV1.CreateNamespacedPodAsync(Pod("on-ghost", "ghost"), "default");
        await client.CoreV1.CreateNamespacedPodAsync(Pod("on-alive", "alive"), "default");
        await client.CoreV1.CreateNamespacedPodAsync(Pod("pending", null), "default");

        await harness.EventuallyAsync(() => ControllerHarness.GoneAsync(() => client.CoreV1.ReadNamespacedPodAsync("on-ghost", "default")), "the pod of the missing node is deleted");
        Assert.NotNull(await client.CoreV1.ReadNamespacedPodAsync("on-alive", "default"));
        Assert.NotNull(await client.CoreV1.ReadNamespacedPodAsync("pending", "default"));
    }
}
