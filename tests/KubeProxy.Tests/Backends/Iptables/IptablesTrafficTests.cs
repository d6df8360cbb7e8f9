using System.Diagnostics;
using Orchestrator.Client.Processes;
using static Orchestrator.KubeProxy.Tests.Backends.Iptables.IptablesPlanInputs;

namespace Orchestrator.KubeProxy.Tests.Backends.Iptables;

/// <summary>
/// Real traffic through the rules: a scratch "node" netns with a bridge and three "pod" netns on veths (two
/// busybox httpd backends and a client), the proxy's rules applied in the node, requests to the ClusterIP.
/// </summary>
public sealed class IptablesTrafficTests : IAsyncLifetime
{
    private readonly List<ScratchNetns> _namespaces = [];
    private readonly List<Process> _servers = [];
    private readonly string _root = Directory.CreateTempSubdirectory("orc-ipt-www-").FullName;

    [RootFact]
    public async Task ClusterIp_reaches_both_endpoints_from_node_and_pod_and_a_service_without_endpoints_is_refused()
    {
        var node = await AddNetnsAsync();
        await node.ExecAsync("ip", "link", "add", "br0", "type", "bridge");
        await node.ExecAsync("ip", "addr", "add", "10.244.1.1/24", "dev", "br0");
        await node.ExecAsync("ip", "link", "set", "br0", "up");
        await node.ExecAsync("sysctl", "-qw", "net.ipv4.ip_forward=1");
        // The REJECT answers with ICMP port-unreachable; the default per-peer ICMP rate limit (1 s) ate it here.
        await node.ExecAsync("sysctl", "-qw", "net.ipv4.icmp_ratelimit=0");
        // Node-originated traffic needs a route covering the Service range (the routing lookup precedes nat OUTPUT).
        await node.ExecAsync("ip", "route", "add", "10.96.0.0/12", "dev", "br0");

        var podA = await AddPodAsync(node, "10.244.1.2", "a");
        var podB = await AddPodAsync(node, "10.244.1.3", "b");
        var client = await AddPodAsync(node, "10.244.1.4", null);
        StartServer(podA, "a");
        StartServer(podB, "b");

        var plan = PlanOf(
            Web() with { ClusterEndpoints = [Ep("10.244.1.2", 8080), Ep("10.244.1.3", 8080)] },
            Web("empty", "10.96.0.60"));
        await IptablesKernelTests.Backend("legacy", node).SyncAsync(plan, default);
        await WaitForAsync(node, "http://10.244.1.2:8080/");
        await WaitForAsync(node, "http://10.244.1.3:8080/");

        foreach (var from in new[] { node, client })
        {
            var answers = new List<string>();
            for (var i = 0; i < 20; i++)
            {
                answers.Add((await Get(from, "http://10.96.0.50/")).StandardOutput.Trim());
            }

            Assert.Contains("a", answers);
            Assert.Contains("b", answers);
            Assert.All(answers, a => Assert.Contains(a, new[] { "a", "b" }));
        }

        var watch = Stopwatch.StartNew();
        var refused = await Get(client, "http://10.96.0.60/");
        // A refusal, not the 3 s time-out (the first SYN's ICMP error can still be lost while the neighbour entry settles: ~1 s).
        Assert.False(refused.Succeeded);
        Assert.Contains("Connection refused", refused.StandardError);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.5), $"REJECT took {watch.Elapsed}");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            server.Kill();
            await server.WaitForExitAsync();
            server.Dispose();
        }

        foreach (var netns in _namespaces)
        {
            await netns.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }

    private static Task<HostCommandResult> Get(ScratchNetns from, string url) =>
        from.TryExecAsync("timeout", "3", "busybox", "wget", "-qO-", url);

    private static async Task WaitForAsync(ScratchNetns from, string url)
    {
        for (var i = 0; i < 50 && !(await Get(from, url)).Succeeded; i++)
        {
            await Task.Delay(100);
        }
    }

    private async Task<ScratchNetns> AddNetnsAsync()
    {
        var netns = await ScratchNetns.CreateAsync();
        _namespaces.Add(netns);
        return netns;
    }

    private async Task<ScratchNetns> AddPodAsync(ScratchNetns node, string ip, string? content)
    {
        var pod = await AddNetnsAsync();
        var hostSide = "v" + ip.Split('.')[3];
        await node.ExecAsync("ip", "link", "add", hostSide, "type", "veth", "peer", "name", "eth0", "netns", pod.Name);
        await node.ExecAsync("ip", "link", "set", hostSide, "master", "br0", "up");
        await pod.ExecAsync("ip", "addr", "add", ip + "/24", "dev", "eth0");
        await pod.ExecAsync("ip", "link", "set", "eth0", "up");
        await pod.ExecAsync("ip", "route", "add", "default", "via", "10.244.1.1");
        if (content is not null)
        {
            Directory.CreateDirectory(Path.Combine(_root, content));
            await File.WriteAllTextAsync(Path.Combine(_root, content, "index.html"), content + "\n");
        }

        return pod;
    }

    private void StartServer(ScratchNetns pod, string content)
    {
        var start = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "netns", "exec", pod.Name, "busybox", "httpd", "-f", "-p", "8080", "-h", Path.Combine(_root, content) })
        {
            start.ArgumentList.Add(argument);
        }

        _servers.Add(Process.Start(start) ?? throw new InvalidOperationException("httpd did not start"));
    }
}
