using System.Diagnostics;
using Orchestrator.Testing;
using static Orchestrator.KubeProxy.Tests.Backends.Iptables.IptablesPlanInputs;

namespace Orchestrator.KubeProxy.Tests.Backends.Iptables;

/// <summary>
/// Real traffic through the rules: the proxy's iptables-legacy rules applied in the node of a
/// <see cref="ServiceTopology"/> (two busybox httpd backends and a client pod), requests to the ClusterIP.
/// </summary>
public sealed class IptablesTrafficTests
{
    [NetnsFact("busybox", "iptables-legacy")]
    public async Task ClusterIp_reaches_both_endpoints_from_node_and_pod_and_a_service_without_endpoints_is_refused()
    {
        await using var topology = await ServiceTopology.CreateAsync(["a", "b"]);
        var plan = PlanOf(
            Web() with { ClusterEndpoints = [.. topology.PodIps.Select(ip => Ep(ip, ServiceTopology.PodPort))] },
            Web("empty", "10.96.0.60"));
        await IptablesKernelTests.Backend("legacy", topology.Node).SyncAsync(plan, default);

        foreach (var from in new[] { topology.Node, topology.Client })
        {
            var answers = new List<string>();
            for (var i = 0; i < 20; i++)
            {
                answers.Add((await ServiceTopology.GetAsync(from, "http://10.96.0.50/")).StandardOutput.Trim());
            }

            Assert.Contains("a", answers);
            Assert.Contains("b", answers);
            Assert.All(answers, a => Assert.Contains(a, new[] { "a", "b" }));
        }

        var watch = Stopwatch.StartNew();
        var refused = await ServiceTopology.GetAsync(topology.Client, "http://10.96.0.60/");
        // A refusal, not the 3 s time-out (the first SYN's ICMP error can still be lost while the neighbour entry settles: ~1 s).
        Assert.False(refused.Succeeded);
        Assert.Contains("Connection refused", refused.StandardError);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.5), $"REJECT took {watch.Elapsed}");
    }
}
