using System.Diagnostics;
using Orchestrator.KubeProxy.Backends.Nftables;
using Orchestrator.KubeProxy.Plan;
using Orchestrator.Testing;

namespace Orchestrator.KubeProxy.Tests.Backends.Nftables;

/// <summary>
/// Real packets through a <see cref="ServiceTopology"/> (a node routing for two httpd pods and a client pod), with the
/// nftables rules of a ClusterIP Service in front of the two pods and of a Service without endpoints.
/// </summary>
public sealed class NftablesTrafficTests
{
    [NetnsFact("busybox")]
    public async Task Cluster_IP_reaches_both_pods_and_a_Service_without_endpoints_is_refused_at_once()
    {
        await using var topology = await ServiceTopology.CreateAsync(["p1", "p2"]);
        var web = new ServicePortPlan(new ServicePortName("default", "web", "", "tcp"), "10.96.0.20", 80, 0, [], [], false, false, null,
            [.. topology.PodIps.Select(Ready)], []);
        var empty = web with { Name = new ServicePortName("default", "empty", "", "tcp"), ClusterIp = "10.96.0.30", ClusterEndpoints = [] };
        var plan = new ProxyPlan([empty, web], new ProxyNode("node", [], "10.244.0.0/16"));
        await new NftablesBackend(NftCommand.InNetworkNamespace(topology.Node.Name)).SyncAsync(plan, CancellationToken.None);

        var answers = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 0; attempt < 40 && answers.Count < 2; attempt++)
        {
            var get = await ServiceTopology.GetAsync(topology.Client, "http://10.96.0.20/");
            if (get.Succeeded)
            {
                answers.Add(get.StandardOutput.Trim());
            }
        }

        Assert.Equal(["p1", "p2"], answers.Order(StringComparer.Ordinal));
        // From the node itself: nat-output.
        var fromNode = await ServiceTopology.GetAsync(topology.Node, "http://10.96.0.20/");
        Assert.True(fromNode.Succeeded, $"exit {fromNode.ExitCode}: {fromNode.StandardError}");
        Assert.Contains(fromNode.StandardOutput.Trim(), new[] { "p1", "p2" });

        var clock = Stopwatch.StartNew();
        var refused = await ServiceTopology.GetAsync(topology.Client, "http://10.96.0.30/");
        clock.Stop();
        Assert.False(refused.Succeeded);
        Assert.True(refused.StandardError.Contains("Connection refused", StringComparison.Ordinal), $"exit {refused.ExitCode}: {refused.StandardError}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"refusal took {clock.Elapsed}");
    }

    private static EndpointPlan Ready(string ip) => new(ip, ServiceTopology.PodPort, IsLocal: true, Ready: true, Serving: true, Terminating: false);
}
