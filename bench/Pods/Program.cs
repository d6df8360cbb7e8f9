using Orchestrator.Bench.Pods;
using Orchestrator.Testing;

// Real-node benchmarks (issue 5). Usage: bench/pods.sh [--pods N]
var pods = args.SkipWhile(a => a != "--pods").Skip(1).Select(int.Parse).FirstOrDefault(50);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
await using var containerd = await ContainerdFixture.StartAsync();
var raw = await RawCriStartup.RunAsync(containerd, pods);
await PodStartup.RunAsync(containerd, pods, raw, Console.Out);
