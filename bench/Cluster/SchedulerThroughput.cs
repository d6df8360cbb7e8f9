using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.ApiMachinery.Images;
using Orchestrator.Client;
using Orchestrator.Scheduler;
using Orchestrator.Scheduler.Framework;
using Orchestrator.Testing;

namespace Orchestrator.Bench.Cluster;

/// <summary>
/// Upstream scheduler_perf's "SchedulingBasic" shape, end to end through the API server: N nodes,
/// M pods scheduled first, then P pending pods; throughput is P over the time from a fresh
/// scheduler's start (informer sync included) to the last binding seen by a watch. Baseline in the
/// same run: creating those P pods through the API, with no scheduler competing for the 2 cores. The measured
/// phase runs twice, without and with the ImagePlatform plugin (the pods' image in a local registry).
/// </summary>
internal static class SchedulerThroughput
{
    public static async Task RunAsync(int nodes, int initialPods, int measuredPods, TextWriter output)
    {
        // The pods' image comes from a local registry, so the ImagePlatform plugin reads a real index (once; then cached).
        var directory = Path.Combine(Path.GetTempPath(), $"bench-scheduler-registry-{Guid.NewGuid():N}");
        try
        {
            await using var registry = await RegistryProcess.StartAsync(directory);
            using (var images = new TestImages(registry.BaseAddress))
            {
                await images.PushIndexAsync("pause", "3.10", [new ImagePlatform("linux", "amd64"), new ImagePlatform("linux", "arm64", "v8")]);
            }

            await RunAsync(nodes, initialPods, measuredPods, $"{registry.Host}/pause:3.10", output);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task RunAsync(int nodes, int initialPods, int measuredPods, string image, TextWriter output)
    {
        await using var api = await InProcessApiServer.StartAsync();
        var client = api.CreateClient();
        await Measurement.RunAsync("nodes", 64, nodes, i => client.CoreV1.CreateNodeAsync(Node(i)));

        using var stop = new CancellationTokenSource();
        await using var informers = new InformerFactory(api.CreateClient(), NullLoggerFactory.Instance);
        var bound = 0;
        var lastBound = Stopwatch.GetTimestamp();
        informers.Pods().AddHandler(new ResourceEventHandler<V1Pod>(
            onUpdate: (old, pod) =>
            {
                if (string.IsNullOrEmpty(old.Spec.NodeName) && !string.IsNullOrEmpty(pod.Spec.NodeName))
                {
                    Interlocked.Increment(ref bound);
                    Volatile.Write(ref lastBound, Stopwatch.GetTimestamp());
                }
            }));
        await informers.StartAsync(stop.Token);
        await informers.WaitForSyncAsync(stop.Token);

        // Phase 1: the initial pods, scheduled by a first scheduler, which then stops.
        using (var first = CancellationTokenSource.CreateLinkedTokenSource(stop.Token))
        {
            var scheduler = Scheduler(api, new SchedulerOptions { LeaderElect = false }, first.Token);
            await Measurement.RunAsync("initial pods", 64, initialPods, i => client.CoreV1.CreateNamespacedPodAsync(Pod("init", i, image), "default"));
            await WaitAsync(() => Volatile.Read(ref bound) >= initialPods, TimeSpan.FromMinutes(5));
            await first.CancelAsync();
            await scheduler;
        }

        // Phase 2, a warm-up pass (not counted: a first pass ran at half the speed of the next ones, the JIT still warming
        // up), then four passes ABBA: without the ImagePlatform plugin, with it, with it, without it (a fresh scheduler
        // each time, so its cache starts empty and the registry is read once); the order cancels a growing cluster's drift.
        (string Name, IReadOnlyCollection<string>? Plugins) off = ("ImagePlatform disabled", [.. PluginRegistry.Names.Where(n => n != "ImagePlatform")]);
        (string Name, IReadOnlyCollection<string>? Plugins) on = ("ImagePlatform enabled", null);
        (string Name, IReadOnlyCollection<string>? Plugins) warmUp = ("warm-up, not counted", off.Plugins);
        var variants = new[] { warmUp, off, on, on, off };
        var throughputs = new List<(bool Enabled, double PodsPerSecond)>();
        var pass = 0;
        foreach (var (name, plugins) in variants)
        {
            pass++;
            // The measured pods pile up with no scheduler (their creation is the baseline) ...
            var expected = Volatile.Read(ref bound) + measuredPods;
            var prefix = (plugins is null ? "on" : "off") + pass.ToString(CultureInfo.InvariantCulture);
            var creates = await Measurement.RunAsync($"measured pod creates ({name})", 64, measuredPods, i => client.CoreV1.CreateNamespacedPodAsync(Pod(prefix, i, image), "default"));

            // ... then a fresh scheduler starts (informer sync included) and binds them all.
            using var run = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
            var started = Stopwatch.GetTimestamp();
            var scheduler = Scheduler(api, new SchedulerOptions { LeaderElect = false, Plugins = plugins }, run.Token);
            await WaitAsync(() => Volatile.Read(ref bound) >= expected, TimeSpan.FromMinutes(10));
            var seconds = Stopwatch.GetElapsedTime(started, Volatile.Read(ref lastBound)).TotalSeconds;
            await run.CancelAsync();
            await scheduler;

            var throughput = measuredPods / seconds;
            if (pass > 1)
            {
                throughputs.Add((plugins is null, throughput));
            }
            output.WriteLine($"scheduler throughput, {name} (SchedulingBasic: {nodes} nodes, {initialPods} initial pods, {measuredPods} measured): {throughput:F0} pods/s ({seconds:F2} s from scheduler start to last binding, informer sync included)");
            output.WriteLine($"baseline, the same pods created through the API (64-way): {creates.PerSecond:F0} pods/s; scheduled+bound / created = {throughput / creates.PerSecond:P0}");
        }

        await stop.CancelAsync();
        var enabled = throughputs.Where(t => t.Enabled).Average(t => t.PodsPerSecond);
        var disabled = throughputs.Where(t => !t.Enabled).Average(t => t.PodsPerSecond);
        output.WriteLine($"ImagePlatform enabled / disabled = {enabled:F0} / {disabled:F0} pods/s (means of two passes each, ABBA) = {enabled / disabled:P1} (goal >= 95 %; image {image} from a local registry)");
    }

    private static Task Scheduler(InProcessApiServer api, SchedulerOptions options, CancellationToken ct) =>
        ComponentHost.RunAsync("default-scheduler", api.CreateClient(), NullLoggerFactory.Instance, context => [SchedulerHost.Create(context, options)], null, ct);

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

    private static V1Pod Pod(string prefix, int i, string image) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"{prefix}-{i.ToString(CultureInfo.InvariantCulture)}" },
        Spec = new V1PodSpec
        {
            Containers =
            [
                new V1Container
                {
                    Name = "pause",
                    Image = image,
                    Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("500Mi") } },
                },
            ],
        },
    };
}
