using Orchestrator.Bench.Pods;
using Orchestrator.Testing;

// Real-node benchmarks (issue 5). Usage: bench/pods.sh [--pods N]; bench/stats.sh [--pods N] adds --stats
var pods = args.SkipWhile(a => a != "--pods").Skip(1).Select(int.Parse).FirstOrDefault(50);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
await using var containerd = await ContainerdFixture.StartAsync();
if (args.Contains("--stats"))
{
    // bench/stats.sh: the kubelet's /stats/summary cost and memory with stats on and off (issue 15).
    await StatsCost.RunAsync(containerd, pods, Console.Out);
    return;
}

var raw = await RawCriStartup.RunAsync(containerd, pods);
await PodStartup.RunAsync(containerd, pods, raw, Console.Out);
