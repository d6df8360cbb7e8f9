using System.Diagnostics;
using Orchestrator.KubeProxy.Backends.Nftables;
using Orchestrator.KubeProxy.Plan;
using Orchestrator.KubeProxy.Tests.Kernel;

namespace Orchestrator.KubeProxy.Tests.Backends.Nftables;

/// <summary>
/// Real packets: a "node" namespace routing for two httpd "pods" and a client "pod" (each on its own veth subnet),
/// with the nftables rules of a ClusterIP Service in front of the two pods and of a Service without endpoints.
/// </summary>
public sealed class NftablesTrafficTests : IAsyncLifetime
{
    private readonly ScratchNetwork network = new();
    private readonly List<string> directories = [];
    private string node = "";
    private string client = "";

    public async Task InitializeAsync()
    {
        try
        {
            await SetUpAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        await network.DisposeAsync();
        foreach (var directory in directories)
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private async Task SetUpAsync()
    {
        node = await network.AddNamespaceAsync("node");
        await network.InAsync(node, "sysctl", "-qw", "net.ipv4.ip_forward=1");

        // The node's uplink to a "lan": the default route a ClusterIP needs before DNAT.
        await network.ConnectAsync(node, await network.AddNamespaceAsync("lan"), "uplink", "192.168.1");
        await network.InAsync(node, "ip", "route", "add", "default", "via", "192.168.1.2");
        client = await network.AddNamespaceAsync("client");
        await network.ConnectAsync(node, client, "vc", "10.244.3");
        foreach (var (pod, subnet) in new[] { ("p1", "10.244.1"), ("p2", "10.244.2") })
        {
            var ns = await network.AddNamespaceAsync(pod);
            await network.ConnectAsync(node, ns, "v" + pod, subnet);
            var root = Directory.CreateTempSubdirectory("orc-t-www-").FullName;
            directories.Add(root);
            await File.WriteAllTextAsync(Path.Combine(root, "index.html"), pod);
            network.Start(ns, "busybox", "httpd", "-f", "-p", "8080", "-h", root);
        }
    }

    [RootFact]
    public async Task Cluster_IP_reaches_both_pods_and_a_Service_without_endpoints_is_refused_at_once()
    {
        var web = new ServicePortPlan(new ServicePortName("default", "web", "", "tcp"), "10.96.0.20", 80, 0, [], [], false, false, null,
            [Ready("10.244.1.2"), Ready("10.244.2.2")], []);
        var empty = web with { Name = new ServicePortName("default", "empty", "", "tcp"), ClusterIp = "10.96.0.30", ClusterEndpoints = [] };
        var plan = new ProxyPlan([empty, web], new ProxyNode("node", [], "10.244.0.0/16"));
        await new NftablesBackend(NftCommand.InNetworkNamespace(node)).SyncAsync(plan, CancellationToken.None);

        var answers = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 0; attempt < 40 && answers.Count < 2; attempt++)
        {
            var get = await network.TryInAsync(client, "timeout", "3", "busybox", "wget", "-qO-", "http://10.96.0.20/");
            if (get.Succeeded)
            {
                answers.Add(get.StandardOutput.Trim());
            }
        }

        Assert.Equal(["p1", "p2"], answers.Order(StringComparer.Ordinal));
        // From the node itself: nat-output.
        var fromNode = await network.InAsync(node, "timeout", "3", "busybox", "wget", "-qO-", "http://10.96.0.20/");
        Assert.Contains(fromNode.Trim(), new[] { "p1", "p2" });

        var clock = Stopwatch.StartNew();
        var refused = await network.TryInAsync(client, "timeout", "3", "busybox", "wget", "-qO-", "http://10.96.0.30/");
        clock.Stop();
        Assert.False(refused.Succeeded);
        Assert.True(refused.StandardError.Contains("Connection refused", StringComparison.Ordinal), $"exit {refused.ExitCode}: {refused.StandardError}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"refusal took {clock.Elapsed}");
    }

    private static EndpointPlan Ready(string ip) => new(ip, 8080, IsLocal: true, Ready: true, Serving: true, Terminating: false);
}
