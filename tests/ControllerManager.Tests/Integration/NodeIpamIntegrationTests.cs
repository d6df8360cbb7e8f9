using k8s;
using k8s.Models;
using Orchestrator.ControllerManager.Controllers.NodeIpam;

namespace Orchestrator.ControllerManager.Tests.Integration;

public sealed class NodeIpamIntegrationTests
{
    private static Task<V1Node> NodeAsync(IKubernetes client, string name, string? podCidr = null) =>
        client.CoreV1.CreateNodeAsync(new V1Node
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = podCidr is null ? null : new V1NodeSpec { PodCIDR = podCidr, PodCIDRs = [podCidr] },
        });

    private static async Task<string?> CidrAsync(IKubernetes client, string name) => (await client.CoreV1.ReadNodeAsync(name)).Spec?.PodCIDR;

    [Fact]
    public async Task Nodes_get_unique_pod_cidrs_around_ranges_nodes_already_have_and_freed_ranges_are_reused()
    {
        var options = new NodeIpamOptions { ClusterCidr = "10.200.0.0/22", NodeCidrMaskSize = 24 };
        await using var harness = await ControllerHarness.StartAsync(c => [new NodeIpamController(c, options)]);
        var client = harness.Client;
        await NodeAsync(client, "preset", "10.200.0.0/24");
        await NodeAsync(client, "a");
        await NodeAsync(client, "b");

        await harness.EventuallyAsync(async () => await CidrAsync(client, "a") is not null && await CidrAsync(client, "b") is not null, "both nodes have a pod CIDR");
        var cidrs = new[] { await CidrAsync(client, "preset"), await CidrAsync(client, "a"), await CidrAsync(client, "b") };
        Assert.Equal(3, cidrs.Distinct().Count());
        Assert.All(cidrs, c => Assert.StartsWith("10.200.", c, StringComparison.Ordinal));
        Assert.Equal(await CidrAsync(client, "a"), Assert.Single((await client.CoreV1.ReadNodeAsync("a")).Spec.PodCIDRs));

        // Deleting a node frees its range for the next node (only 4 fit in a /22).
        var freed = await CidrAsync(client, "a");
        await client.CoreV1.DeleteNodeAsync("a");
        await NodeAsync(client, "c");
        await NodeAsync(client, "d");
        await harness.EventuallyAsync(async () => await CidrAsync(client, "c") is not null && await CidrAsync(client, "d") is not null, "the new nodes have pod CIDRs");
        var all = new[] { await CidrAsync(client, "preset"), await CidrAsync(client, "b"), await CidrAsync(client, "c"), await CidrAsync(client, "d") };
        Assert.Equal(4, all.Distinct().Count());
        Assert.Contains(freed, all);
    }

    [Fact]
    public async Task A_restarted_controller_rebuilds_its_allocations_from_the_nodes()
    {
        var options = new NodeIpamOptions { ClusterCidr = "10.201.0.0/23", NodeCidrMaskSize = 24 };
        await using var harness = await ControllerHarness.StartAsync(c => [new NodeIpamController(c, options)]);
        var client = harness.Client;
        await NodeAsync(client, "first");
        await harness.EventuallyAsync(async () => await CidrAsync(client, "first") is not null, "the first node has a pod CIDR");

        await harness.RestartAsync(c => [new NodeIpamController(c, options)]);
        await NodeAsync(client, "second");

        await harness.EventuallyAsync(async () => await CidrAsync(client, "second") is not null, "the second node has a pod CIDR");
        Assert.NotEqual(await CidrAsync(client, "first"), await CidrAsync(client, "second"));
    }
}
