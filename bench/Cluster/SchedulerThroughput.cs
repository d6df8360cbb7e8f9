using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Client;
using Orchestrator.Scheduler;
using Orchestrator.Testing;

namespace Orchestrator.Bench.Cluster;

/// <summary>
/// Upstream scheduler_perf's "SchedulingBasic" shape, end to end through the API server: N nodes,
/// M pods scheduled first, then P pods created while the scheduler runs; throughput is P over the
/// time from the first create to the last binding seen by a watch. Baseline in the same run: the
/// same P pod creates alone (no scheduler), the ceiling the API sets.
/// </summary>
internal static class SchedulerThroughput
{
    public static async Task RunAsync(int nodes, int initialPods, int measuredPods, TextWriter output)
    {
        await using var api = await InProcessApiServer.StartAsync();
        var client = api.CreateClient();
        await Measurement.RunAsync("nodes", 64, nodes, i => client.CoreV1.CreateNodeAsync(Node(i)));

        var baselineNs = "baseline";
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = baselineNs } });
        var baseline = await Measurement.RunAsync("raw pod creates (no scheduler)", 64, measuredPods, i => client.CoreV1.CreateNamespacedPodAsync(Pod("b", i, schedulerName: "nobody"), baselineNs));

        using var stop = new CancellationTokenSource();
        await using var informers = new InformerFactory(api.CreateClient(), NullLoggerFactory.Instance);
        var bound = 0;
        var lastBound = Stopwatch.GetTimestamp();
        informers.Pods().AddHandler(new ResourceEventHandler<V1Pod>(
            onUpdate: (old, pod) =>
            {
                if (string.IsNullOrEmpty(old.Spec.NodeName) && !string.IsNullOrEmpty(pod.Spec.NodeName) && pod.Metadata.NamespaceProperty == "default")
                {
                    Interlocked.Increment(ref bound);
                    Volatile.Write(ref lastBound, Stopwatch.GetTimestamp());
                }
            }));
        await informers.StartAsync(stop.Token);
        await informers.WaitForSyncAsync(stop.Token);
        var scheduler = ComponentHost.RunAsync("default-scheduler", api.CreateClient(), NullLoggerFactory.Instance, context => [SchedulerHost.Create(context)], null, stop.Token);

        await Measurement.RunAsync("initial pods", 64, initialPods, i => client.CoreV1.CreateNamespacedPodAsync(Pod("init", i), "default"));
        await WaitAsync(() => Volatile.Read(ref bound) >= initialPods, TimeSpan.FromMinutes(5));

        var started = Stopwatch.GetTimestamp();
        var creates = await Measurement.RunAsync("measured pod creates (scheduler running)", 64, measuredPods, i => client.CoreV1.CreateNamespacedPodAsync(Pod("m", i), "default"));
        await WaitAsync(() => Volatile.Read(ref bound) >= initialPods + measuredPods, TimeSpan.FromMinutes(10));
        var seconds = Stopwatch.GetElapsedTime(started, Volatile.Read(ref lastBound)).TotalSeconds;
        await stop.CancelAsync();
        await scheduler;

        var throughput = measuredPods / seconds;
        output.WriteLine($"scheduler throughput (SchedulingBasic: {nodes} nodes, {initialPods} initial pods, {measuredPods} measured): {throughput:F0} pods/s ({seconds:F2} s from first create to last binding)");
        output.WriteLine($"baseline, raw pod creates through the API: {baseline.PerSecond:F0} pods/s; scheduled / raw creates = {throughput / baseline.PerSecond:P0}; creates while scheduling ran at {creates.PerSecond:F0}/s");
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException("pods were not all scheduled in time");
            }

            await Task.Delay(10);
        }
    }

    private static V1Node Node(int i) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "node-" + i.ToString(CultureInfo.InvariantCulture),
            Labels = new Dictionary<string, string> { ["kubernetes.io/os"] = "linux", ["kubernetes.io/hostname"] = "node-" + i.ToString(CultureInfo.InvariantCulture) },
        },
        Status = new V1NodeStatus
        {
            Allocatable = Resources("4", "32Gi", "110"),
            Capacity = Resources("4", "32Gi", "110"),
            Conditions = [new V1NodeCondition { Type = "Ready", Status = "True" }],
        },
    };

    private static Dictionary<string, ResourceQuantity> Resources(string cpu, string memory, string pods) =>
        new() { ["cpu"] = new(cpu), ["memory"] = new(memory), ["pods"] = new(pods) };

    private static V1Pod Pod(string prefix, int i, string? schedulerName = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"{prefix}-{i.ToString(CultureInfo.InvariantCulture)}" },
        Spec = new V1PodSpec
        {
            SchedulerName = schedulerName,
            Containers =
            [
                new V1Container
                {
                    Name = "pause",
                    Image = "registry.k8s.io/pause:3.10",
                    Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("500Mi") } },
                },
            ],
        },
    };
}
