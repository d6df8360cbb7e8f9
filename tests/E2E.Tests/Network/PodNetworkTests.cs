using System.Text.RegularExpressions;
using k8s;
using Orchestrator.Kubelet.Network;
using Orchestrator.Kubelet.Runtime.Containerd;

namespace Orchestrator.E2E.Tests.Network;

/// <summary>
/// The pod network across two real nodes (network namespaces, real containerd, real kernel routing and nftables):
/// run once per cluster fixture by a sealed subclass in that fixture's collection.
/// </summary>
public abstract class PodNetworkTests(NetnsCluster cluster)
{
    private const string Httpd = "mkdir -p /www && echo hello from $(hostname) > /www/index.html && exec httpd -f -v -p 8080 -h /www";

    [NetnsClusterFact]
    public async Task Both_nodes_are_ready_with_distinct_pod_cidrs_cut_from_the_cluster_cidr()
    {
        var nodes = (await cluster.Client.CoreV1.ListNodeAsync()).Items.ToDictionary(n => n.Metadata.Name);

        var a = Ipv4Cidr.Parse(nodes[cluster.NodeA.Name].Spec.PodCIDR);
        var b = Ipv4Cidr.Parse(nodes[cluster.NodeB.Name].Spec.PodCIDR);
        Assert.False(a.Overlaps(b), $"{a} and {b} overlap");
        Assert.True(cluster.ClusterCidr.Overlaps(a) && cluster.ClusterCidr.Overlaps(b), $"{a} and {b} not inside {cluster.ClusterCidr}");
        Assert.Equal(cluster.NodeA.Address, nodes[cluster.NodeA.Name].Status.Addresses.Single(x => x.Type == "InternalIP").Address);
        Assert.Equal(cluster.NodeB.Address, nodes[cluster.NodeB.Name].Status.Addresses.Single(x => x.Type == "InternalIP").Address);
    }

    [NetnsClusterFact]
    public async Task Each_node_routes_the_other_nodes_pod_cidr_via_its_lan_address_with_our_protocol()
    {
        foreach (var (self, other) in new[] { (cluster.NodeA, cluster.NodeB), (cluster.NodeB, cluster.NodeA) })
        {
            var otherCidr = (await cluster.Client.CoreV1.ReadNodeAsync(other.Name)).Spec.PodCIDR;
            var expected = $"{Ipv4Cidr.Parse(otherCidr)} via {other.Address} dev eth0";
            var routes = string.Empty;
            await cluster.WaitAsync(async () =>
            {
                routes = await self.Namespace.IpAsync(["-4", "route", "show", "proto", RouteTable.Protocol.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                return routes.Contains(expected, StringComparison.Ordinal);
            }, $"{self.Name} to route {expected}", seconds: 20);

            Assert.Single(routes.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    [NetnsClusterFact]
    public async Task A_pod_reaches_a_pod_on_the_other_node_and_the_server_sees_the_client_pod_ip()
    {
        var ns = await cluster.NamespaceAsync("p2p");
        var server = cluster.RunPodAsync(ns, "web-b", cluster.NodeB, "sh", "-c", Httpd);
        var client = cluster.RunPodAsync(ns, "client-a", cluster.NodeA, "sleep", "3600");
        var (web, clientPod) = (await server, await client);

        var result = await cluster.ExecAsync(ns, "client-a", "timeout", "5", "wget", "-qO-", $"http://{web.Status.PodIP}:8080/index.html");

        Assert.True(result.ExitCode == 0, $"wget from {clientPod.Status.PodIP} on {cluster.NodeA.Name} to {web.Status.PodIP} on {cluster.NodeB.Name}: {result}{cluster.Diagnostics()}");
        Assert.Equal("hello from web-b\n", result.Stdout);
        var logs = string.Empty;
        await cluster.WaitAsync(async () => (logs = await cluster.LogsAsync(ns, "web-b")).Contains("response:200", StringComparison.Ordinal), "httpd to log the request", seconds: 10);
        Assert.True(Served(logs, clientPod.Status.PodIP), $"web-b's log names client {clientPod.Status.PodIP}:\n{logs}");
    }

    [NetnsClusterFact]
    public async Task A_pod_reaches_a_host_outside_the_cluster_masqueraded_to_its_nodes_address()
    {
        var ns = await cluster.NamespaceAsync("egress");
        await using var lan = LanListener.Start(cluster.Topology.Lan, 8081, "hello from the lan\n");
        var client = await cluster.RunPodAsync(ns, "client-a", cluster.NodeA, "sleep", "3600");

        var result = await cluster.ExecAsync(ns, "client-a", "timeout", "5", "wget", "-qO-", $"http://{cluster.Topology.LanAddress}:8081/index.html");

        Assert.True(result.ExitCode == 0, $"wget from {client.Status.PodIP} to the lan: {result}\n--- lan httpd\n{lan.Output}{cluster.Diagnostics()}");
        Assert.Equal("hello from the lan\n", result.Stdout);
        await cluster.WaitAsync(() => Task.FromResult(lan.Output.Contains("response:200", StringComparison.Ordinal)), "the lan httpd to log the request", seconds: 10);
        Assert.True(Served(lan.Output, cluster.NodeA.Address), $"the lan httpd's log names {cluster.NodeA.Name}'s address {cluster.NodeA.Address}:\n{lan.Output}");
        Assert.False(Served(lan.Output, client.Status.PodIP), $"the pod IP {client.Status.PodIP} left the cluster unmasqueraded:\n{lan.Output}");
    }

    /// <summary>Whether busybox httpd -v logged a request from <paramref name="ip"/> (its lines: <c>[::ffff:10.1.2.3]:PORT: response:200</c>, or <c>10.1.2.3:PORT: …</c>).</summary>
    private static bool Served(string log, string ip) =>
        Regex.IsMatch(log, $@"(?m)^(\[::ffff:{Regex.Escape(ip)}\]|{Regex.Escape(ip)}):\d+: response:");
}
