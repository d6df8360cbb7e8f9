using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Client.Processes;
using Orchestrator.KubeProxy.Backends.Nftables;
using Orchestrator.KubeProxy.Backends.Nftables.Netlink;

namespace Orchestrator.Bench.Proxy;

/// <summary>
/// <c>bench/proxy.sh --one-endpoint [services] [rounds]</c>: one full sync over netlink, then alternating one-endpoint
/// removals and additions through the backend, with their parts (diff, encode, batch) and two floors against the same
/// table: a batch that adds and deletes one set element (no jump: no validation at commit) and one that adds a rule
/// with a jump (the kernel then validates the whole table). Each figure is wall and the syncing thread's CPU (ms,
/// median). Cheap enough to loop under <c>perf record</c> (<c>PROXY_BENCH_PID_FILE</c> gets the pid once the table is
/// loaded).
/// </summary>
internal static class OneEndpointBench
{
    public static async Task<int> RunAsync(int services, int rounds, TextWriter output)
    {
        var ns = "orc-b-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
        await HostCommand.RunCheckedAsync("ip", ["netns", "add", ns]);
        try
        {
            var backend = new NftablesBackend(NftCommand.InNetworkNamespace(ns), NftTransport.Netlink, NullLogger.Instance);
            var full = BenchPlans.Full(services);
            var index = services / 2;
            var removed = BenchPlans.OneEndpointRemoved(full, index);
            Check((await backend.SyncAsync(full, CancellationToken.None)).Full, "expected a full sync");

            var node = BenchPlans.Node;
            var withTwo = NftServiceRenderer.Render(full.Services[index], node);
            var withOne = NftServiceRenderer.Render(removed.Services[index], node);
            var removal = NftablesIncremental.Plan([(withTwo, withOne)], [], []);
            var addition = NftablesIncremental.Plan([(withOne, withTwo)], [], []);
            var element = new NftElement(NftablesIncremental.ClusterIps, "10.255.255.1");
            List<NftOperation> noJump = [NftOperation.AddElement(element), NftOperation.DeleteElement(element)];
            List<NftOperation> oneJump =
            [
                NftOperation.AddChain("bench-scratch"), NftOperation.AddRule("bench-scratch", "jump mark-for-masquerade"),
                NftOperation.FlushChain("bench-scratch"), NftOperation.DeleteChain("bench-scratch"),
            ];
            var netlink = new NftNetlink(ns);
            var applied = full.Services.ToDictionary(p => p.Name, p => new NftAppliedPort(p, NftServiceRenderer.Render(p, node)));
            var figures = new Dictionary<string, (List<double> Wall, List<double> Cpu)>(StringComparer.Ordinal);

            if (Environment.GetEnvironmentVariable("PROXY_BENCH_PID_FILE") is { Length: > 0 } pidFile)
            {
                await File.WriteAllTextAsync(pidFile, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            for (var round = 0; round < rounds; round++)
            {
                // Fresh objects each sync, made outside the measurement (the proxy host's planner makes them).
                var (nextRemoved, nextFull, diffed) = (BenchPlans.Fresh(removed), BenchPlans.Fresh(full), BenchPlans.Fresh(removed));
                Measure("one endpoint removed (backend: diff + batch)", () => Check(!backend.SyncAsync(nextRemoved, CancellationToken.None).Result.Full, "expected an incremental sync"));
                Measure("one endpoint added (backend: diff + batch)", () => Check(!backend.SyncAsync(nextFull, CancellationToken.None).Result.Full, "expected an incremental sync"));
                Measure("diff only, one endpoint removed (fresh objects, as in a sync)", () => Check(NftablesDiff.Between(applied, diffed).Count == 1, "expected one change"));
                Measure("diff only, the same objects again (in cache)", () => Check(NftablesDiff.Between(applied, diffed).Count == 1, "expected one change"));
                Measure("encode only, the removal", () => NftBatch.Write(removal, 1));
                Measure("removal batch alone (encode + socket + kernel)", () => netlink.Apply(removal));
                Measure("addition batch alone", () => netlink.Apply(addition));
                Measure("floor: add + delete one element, no jump", () => netlink.Apply(noJump));
                Measure("socket open + close after a batch (each sync paid it before)", () => NetlinkSocket.Open(ns).Dispose());
                Measure("floor: add + delete one rule with a jump", () => netlink.Apply(oneJump));
            }

            output.WriteLine($"one-endpoint changes over netlink, {services:N0} Services x 2 endpoints, {rounds} rounds (median), netns {ns}");
            output.WriteLine($"load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
            output.WriteLine("| measurement | wall (ms) | thread CPU (ms) |");
            output.WriteLine("|---|---:|---:|");
            foreach (var (name, (wall, cpu)) in figures)
            {
                output.WriteLine($"| {name} | {BenchPlans.Median(wall):F2} | {BenchPlans.Median(cpu):F2} |");
            }

            return 0;

            void Measure(string name, Action action)
            {
                var cpu = ThreadCpu.Now();
                var clock = Stopwatch.StartNew();
                action();
                var wall = clock.Elapsed.TotalMilliseconds;
                var lists = figures.TryGetValue(name, out var found) ? found : figures[name] = ([], []);
                lists.Wall.Add(wall);
                lists.Cpu.Add(ThreadCpu.Now() - cpu);
            }
        }
        finally
        {
            await HostCommand.RunAsync("ip", ["netns", "del", ns]);
        }
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
