using k8s.Models;
using Orchestrator.Scheduler.Framework;

namespace Orchestrator.Scheduler.Tests.Framework;

public class ScheduleAlgorithmTests
{
    [Theory]
    [InlineData(0, 50, 50)]
    [InlineData(0, 99, 99)]
    [InlineData(0, 100, 100)]
    [InlineData(0, 1000, 420)] // 50 - 8 = 42%
    [InlineData(0, 5000, 500)] // 50 - 40 = 10%
    [InlineData(0, 6000, 300)] // 50 - 48 = 2% -> minimum 5%
    [InlineData(0, 1500, 570)] // 38%
    [InlineData(10, 500, 100)] // explicit 10% of 500 = 50 -> at least 100
    [InlineData(100, 5000, 5000)]
    public void NumFeasibleNodesToFind(int percentage, int nodes, int expected) =>
        Assert.Equal(expected, ScheduleAlgorithm.NumFeasibleNodesToFind(percentage, nodes));

    private static Snapshot Cluster(int count, string cpu = "4") =>
        Snapshot.From(Enumerable.Range(0, count).Select(i => Make.Info(Make.Node($"n{i:D4}", cpu: cpu))));

    [Fact]
    public void Picks_the_least_allocated_node()
    {
        var busy = Make.Info(Make.Node("busy"), Make.Pod("e", cpu: "3", memory: "6Gi"));
        var idle = Make.Info(Make.Node("idle"));
        var algorithm = new ScheduleAlgorithm(PluginRegistry.CreateFramework(), new Random(1));
        var result = algorithm.Schedule(new PodInfo(Make.Pod(cpu: "500m", memory: "1Gi")), Snapshot.From([busy, idle]));
        Assert.Equal("idle", result.SuggestedHost);
    }

    [Fact]
    public void Ties_are_broken_randomly_but_deterministically_for_a_seed()
    {
        var hosts = new HashSet<string>();
        for (var seed = 0; seed < 20; seed++)
        {
            var algorithm = new ScheduleAlgorithm(PluginRegistry.CreateFramework(), new Random(seed));
            hosts.Add(algorithm.Schedule(new PodInfo(Make.Pod(cpu: "1")), Cluster(3)).SuggestedHost!);
        }

        Assert.True(hosts.Count > 1);
        var a = new ScheduleAlgorithm(PluginRegistry.CreateFramework(), new Random(7)).Schedule(new PodInfo(Make.Pod(cpu: "1")), Cluster(3));
        var b = new ScheduleAlgorithm(PluginRegistry.CreateFramework(), new Random(7)).Schedule(new PodInfo(Make.Pod(cpu: "1")), Cluster(3));
        Assert.Equal(a.SuggestedHost, b.SuggestedHost);
    }

    [Fact]
    public void Stops_filtering_once_enough_feasible_nodes_are_found_and_rotates_the_start()
    {
        var snapshot = Cluster(5000);
        var algorithm = new ScheduleAlgorithm(PluginRegistry.CreateFramework(), new Random(1));
        var first = algorithm.Schedule(new PodInfo(Make.Pod(cpu: "1")), snapshot);
        Assert.Equal(500, first.EvaluatedNodes);
        Assert.Equal(500, first.FeasibleNodes);
        Assert.StartsWith("n0", first.SuggestedHost, StringComparison.Ordinal);
        var second = algorithm.Schedule(new PodInfo(Make.Pod(cpu: "1")), snapshot);
        Assert.True(string.CompareOrdinal(second.SuggestedHost, "n0500") >= 0 && string.CompareOrdinal(second.SuggestedHost, "n1000") < 0);
    }

    [Fact]
    public void Failure_carries_the_upstream_message()
    {
        var tainted = Make.Info(Make.Node("m", taints: [new V1Taint { Key = "node-role.kubernetes.io/master", Effect = "NoSchedule" }]));
        var small = Make.Info(Make.Node("s", cpu: "1"));
        var algorithm = new ScheduleAlgorithm(PluginRegistry.CreateFramework(), new Random(1));
        var result = algorithm.Schedule(new PodInfo(Make.Pod(cpu: "2")), Snapshot.From([tainted, small]));
        Assert.False(result.Succeeded);
        Assert.Equal(
            "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/master: }. "
            + "preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.",
            result.FailureMessage);
    }

    [Fact]
    public void No_nodes_at_all()
    {
        var algorithm = new ScheduleAlgorithm(PluginRegistry.CreateFramework(), new Random(1));
        Assert.Equal("no nodes available to schedule pods", algorithm.Schedule(new PodInfo(Make.Pod()), new Snapshot()).FailureMessage);
    }

    [Fact]
    public void Unknown_plugin_names_fail_loudly() =>
        Assert.Throws<ArgumentException>(() => PluginRegistry.CreateFramework(["NodeName", "Nope"]));
}
