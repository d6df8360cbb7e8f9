using System.Diagnostics;
using Orchestrator.Scheduler.Cache;
using Orchestrator.Scheduler.Framework;
using Xunit.Abstractions;

namespace Orchestrator.Scheduler.Tests.Framework;

public class ThroughputTests(ITestOutputHelper output)
{
    /// <summary>
    /// The scheduling cycle alone (snapshot update, filter, score, assume) on 5,000 nodes: every pod is placed,
    /// capacity is respected, and the rate stays far from pathological (the benchmark target is 1,000 pods/s).
    /// </summary>
    [Fact]
    public void Five_thousand_nodes()
    {
        var cache = new SchedulerCache(new FakeTimeProvider());
        for (var i = 0; i < 5000; i++)
        {
            cache.AddNode(Make.Node($"n{i:D4}", cpu: "4", memory: "16Gi", pods: "110", labels: Make.Labels("topology.kubernetes.io/zone", $"z{i % 3}")));
        }

        var algorithm = new ScheduleAlgorithm(PluginRegistry.CreateFramework(), new Random(1));
        var snapshot = new Snapshot();
        const int Pods = 2000;
        var pods = Enumerable.Range(0, Pods).Select(i => new PodInfo(Make.Pod($"p{i}", cpu: "100m", memory: "128Mi"))).ToList();
        cache.UpdateSnapshot(snapshot);
        var sw = Stopwatch.StartNew();
        var snap = new Stopwatch();
        foreach (var pod in pods)
        {
            snap.Start();
            cache.UpdateSnapshot(snapshot);
            snap.Stop();
            var result = algorithm.Schedule(pod, snapshot);
            Assert.True(result.Succeeded);
            Assert.True(cache.AssumePod(pod, result.SuggestedHost!));
        }

        sw.Stop();
        var rate = Pods / sw.Elapsed.TotalSeconds;
        output.WriteLine($"{rate:F0} pods/s; snapshot {snap.Elapsed.TotalMilliseconds:F0} ms of {sw.Elapsed.TotalMilliseconds:F0} ms");
        cache.UpdateSnapshot(snapshot);
        Assert.Equal(Pods, snapshot.Nodes.Sum(n => n.Pods.Count));
        Assert.True(rate > 50, $"{rate:F0} pods/s");
    }
}
