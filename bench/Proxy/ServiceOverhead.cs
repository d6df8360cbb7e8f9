using System.Globalization;
using Orchestrator.KubeProxy.Backends.Iptables;
using Orchestrator.KubeProxy.Backends.Nftables;
using Orchestrator.KubeProxy.Plan;
using Orchestrator.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Orchestrator.Bench.Proxy;

/// <summary>
/// Service overhead (issue 12): HTTP request latency from a client pod to a ClusterIP against the same request to
/// the backend pod's IP directly, in one run, through real namespaces (<see cref="ServiceTopology"/>: client pod →
/// node → httpd pod) with the proxy's rules applied on the node. Each request is a new TCP connection (busybox httpd
/// closes after one answer), so every one pays the Service's DNAT on its first packet. The client is one curl
/// process per batch, timing each URL (<c>%{time_total}</c>); batches alternate between the two targets in ABBA order
/// (odd rounds measure the Service first), and the median of the rounds' p50 ratios is printed beside the pooled one.
/// </summary>
public static class ServiceOverhead
{
    private const string ClusterIp = "10.96.0.20";

    public static async Task<int> RunAsync(int requests, int rounds)
    {
        await using var topology = await ServiceTopology.CreateAsync(["web"]);
        var pod = topology.PodIps[0];
        var port = new ServicePortPlan(new ServicePortName("bench", "web", "", "tcp"), ClusterIp, 80, 0, [], [], false, false, null,
            [new EndpointPlan(pod, ServiceTopology.PodPort, IsLocal: true, Ready: true, Serving: true, Terminating: false)], []);
        var plan = new ProxyPlan([port], new ProxyNode("bench-node", ["192.168.1.1"], "10.244.0.0/16"));
        var direct = string.Create(CultureInfo.InvariantCulture, $"http://{pod}:{ServiceTopology.PodPort}/");
        var service = $"http://{ClusterIp}/";
        Console.WriteLine($"Service overhead: {requests} requests per batch, {rounds} batches per target, client pod -> node -> httpd pod; load average {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine("| mode | target | p50 ms | p90 ms | p99 ms | ratio p50 | ratio p90 |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        var ratios = new List<string>();
        foreach (var mode in new[] { "nftables", "iptables" })
        {
            if (mode == "nftables")
            {
                await new NftablesBackend(NftCommand.InNetworkNamespace(topology.Node.Name)).SyncAsync(plan, CancellationToken.None);
            }
            else
            {
                await new NftablesBackend(NftCommand.InNetworkNamespace(topology.Node.Name)).CleanupAsync(CancellationToken.None);
                var iptables = new IptablesBackend(new IptablesBackendOptions(), IptablesHost.InNetns(topology.Node.Name), TimeProvider.System, NullLogger<IptablesBackend>.Instance);
                await iptables.SyncAsync(plan, CancellationToken.None);
            }

            var viaPod = new List<double>();
            var viaService = new List<double>();
            var roundRatios = new List<double>();
            await BatchAsync(topology.Client, direct, requests / 4); // warm caches (ARP, conntrack tables, curl's pages)
            await BatchAsync(topology.Client, service, requests / 4);
            for (var round = 0; round < rounds; round++)
            {
                // ABBA: odd rounds measure the Service first, so neither target always runs right after the other.
                var podFirst = round % 2 == 0;
                var first = await BatchAsync(topology.Client, podFirst ? direct : service, requests);
                var second = await BatchAsync(topology.Client, podFirst ? service : direct, requests);
                var (podTimes, svc) = podFirst ? (first, second) : (second, first);
                viaPod.AddRange(podTimes);
                viaService.AddRange(svc);
                roundRatios.Add(Percentile(svc, 0.5) / Percentile(podTimes, 0.5));
            }

            Row(mode, "pod IP directly", viaPod, viaPod);
            Row(mode, "ClusterIP", viaService, viaPod);
            ratios.Add(string.Create(CultureInfo.InvariantCulture,
                $"{mode}: per-round p50 ratios {string.Join(" ", roundRatios.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))}, median {Percentile(roundRatios, 0.5):F2}x"));
        }

        Console.WriteLine();
        foreach (var line in ratios)
        {
            Console.WriteLine(line);
        }

        Console.WriteLine($"load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    /// <summary>Times <paramref name="count"/> GETs of <paramref name="url"/> from <paramref name="client"/> with one curl, in milliseconds.</summary>
    private static async Task<List<double>> BatchAsync(NetworkNamespace client, string url, int count)
    {
        var arguments = new List<string> { "-s", "--max-time", "3", "-w", "%{time_total}\\n" };
        for (var i = 0; i < count; i++)
        {
            arguments.AddRange(["-o", "/dev/null", url]); // -o names one URL's output
        }

        var result = await client.ExecAsync("curl", arguments);
        var times = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => double.Parse(t, CultureInfo.InvariantCulture) * 1000).ToList();
        if (times.Count != count || result.ExitCode != 0)
        {
            throw new InvalidOperationException($"curl {url}: {times.Count} of {count} answered (exit {result.ExitCode}): {result.StandardError}");
        }

        return times;
    }

    private static void Row(string mode, string target, List<double> times, List<double> baseline) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {mode} | {target} | {Percentile(times, 0.5):F3} | {Percentile(times, 0.9):F3} | {Percentile(times, 0.99):F3} | {Percentile(times, 0.5) / Percentile(baseline, 0.5):F2}x | {Percentile(times, 0.9) / Percentile(baseline, 0.9):F2}x |"));

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
    }
}
