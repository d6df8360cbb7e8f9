using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.KubeProxy.Backends.Iptables;
using Orchestrator.KubeProxy.Plan;

namespace Orchestrator.Bench.Proxy.Iptables;

/// <summary>
/// iptables backend sync cost inside a network namespace, for iptables-nft and iptables-legacy: a full sync
/// (render + jumps + restore) of N ClusterIP Services × 2 endpoints, a one-endpoint-change partial sync, and as
/// the baseline <c>iptables-restore --noflush</c> alone fed the same full-sync text. Needs root.
/// </summary>
public static class IptablesSyncBench
{
    public static async Task RunAsync(string netns, int services, TextWriter output)
    {
        var plan = Plan(services, changed: false);
        var changed = Plan(services, changed: true);
        var host = IptablesHost.InNetns(netns);
        foreach (var flavor in IptablesFlavor.All)
        {
            var backend = new IptablesBackend(new IptablesBackendOptions(flavor.Name), host, TimeProvider.System, NullLogger<IptablesBackend>.Instance);
            await backend.CleanupAsync(default);

            var watch = Stopwatch.StartNew();
            var full = await backend.SyncAsync(plan, default);
            var fullTime = watch.Elapsed;

            watch.Restart();
            var partial = await backend.SyncAsync(changed, default);
            var partialTime = watch.Elapsed;

            await backend.CleanupAsync(default);
            watch.Restart();
            await host.RunCheckedAsync(flavor.Restore, ["--noflush", "--counters", "-w"], full.Script, default);
            var restoreTime = watch.Elapsed;
            await backend.CleanupAsync(default);

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"iptables-{flavor.Name} services={services}: full sync {fullTime.TotalMilliseconds:F0} ms ({full.Script.Length / 1024} KiB), one-endpoint partial sync {partialTime.TotalMilliseconds:F0} ms ({partial.Script.Length / 1024} KiB), baseline iptables-restore of the full text {restoreTime.TotalMilliseconds:F0} ms"));
        }
    }

    private static ProxyPlan Plan(int services, bool changed)
    {
        var ports = new List<ServicePortPlan>(services);
        for (var i = 0; i < services; i++)
        {
            var ip = $"10.{96 + (i >> 16)}.{(i >> 8) & 255}.{i & 255}";
            var second = changed && i == services / 2 ? 99 : 2;
            EndpointPlan[] endpoints =
            [
                new($"10.244.{i >> 8 & 255}.{(i & 127) + 1}", 8080, false, true, true, false),
                new($"10.245.{i >> 8 & 255}.{(i & 127) + second}", 8080, false, true, true, false),
            ];
            ports.Add(new ServicePortPlan(new ServicePortName("bench", "svc-" + i.ToString(CultureInfo.InvariantCulture), "http", "tcp"), ip, 80, 0, [], [], false, false, null, endpoints, []));
        }

        return new ProxyPlan([.. ports.OrderBy(p => p.Name)], new ProxyNode("bench", ["10.200.0.2"], "10.244.0.0/15"));
    }
}
