using Orchestrator.Bench.Pods;
using Orchestrator.Testing;

// Real-node benchmarks. Usage: bench/pods.sh [--pods N] (issue 5: startup against raw CRI, kubelet memory);
// bench/stats.sh [--pods N] (issue 15: the kubelet's /stats/summary cost and memory with stats on and off);
// bench/storage.sh [--pods N] (issue 15: claim -> Bound -> Running against a pod without a volume; --trace prints each claim's steps).
var pods = args.SkipWhile(a => a != "--pods").Skip(1).Select(int.Parse).FirstOrDefault(50);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
await using var containerd = await ContainerdFixture.StartAsync();
if (args.Contains("--stats"))
{
    await StatsCost.RunAsync(containerd, pods, Console.Out);
    return;
}

if (args.Contains("--claims"))
{
    await ClaimStartup.RunAsync(containerd, pods, args.Contains("--trace"), Console.Out);
    return;
}

var raw = await RawCriStartup.RunAsync(containerd, pods);
await PodStartup.RunAsync(containerd, pods, raw, Console.Out);
