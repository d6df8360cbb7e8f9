using Orchestrator.Bench.Cluster;

// Control-plane benchmarks (issue 4). Usage: bench/cluster.sh [--quick] [scheduler|deployment|nodes ...]
var quick = args.Contains("--quick");
var only = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToHashSet();
bool Wanted(string name) => only.Count == 0 || only.Contains(name);

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
if (Wanted("scheduler"))
{
    await SchedulerThroughput.RunAsync(quick ? 500 : 5_000, quick ? 100 : 1_000, quick ? 1_000 : 10_000, Console.Out);
}

if (Wanted("deployment"))
{
    await DeploymentConvergence.RunAsync(100, quick ? 200 : 1_000, Console.Out);
}

if (Wanted("nodes"))
{
    await NodeColdStart.RunAsync(quick ? 500 : 5_000, Console.Out);
}
