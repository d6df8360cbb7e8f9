using k8s.Models;
using Orchestrator.Scheduler.Framework;
using Orchestrator.Scheduler.Plugins.PodTopologySpread;
using Orchestrator.ApiMachinery.Labels;

namespace Orchestrator.Scheduler.Tests.Plugins;

public class PodTopologySpreadTests
{
    private const string Zone = "topology.kubernetes.io/zone";

    private static V1Pod Web(string name) => Make.Pod(name, labels: Make.Labels("app", "web"));

    private static V1Pod Spread(int maxSkew, string when, string key = Zone, int? minDomains = null)
    {
        var pod = Web("new");
        pod.Spec.TopologySpreadConstraints =
        [
            new V1TopologySpreadConstraint
            {
                MaxSkew = maxSkew, TopologyKey = key, WhenUnsatisfiable = when, MinDomains = minDomains,
                LabelSelector = new V1LabelSelector { MatchLabels = Make.Labels("app", "web") },
            },
        ];
        return pod;
    }

    /// <summary>Zone a has 2 web pods, zone b 1, zone c 0.</summary>
    private static NodeInfo[] Cluster() =>
    [
        Make.Info(Make.Node("a", labels: Make.Labels(Zone, "a")), Web("w1"), Web("w2"), Make.Pod("other")),
        Make.Info(Make.Node("b", labels: Make.Labels(Zone, "b")), Web("w3")),
        Make.Info(Make.Node("c", labels: Make.Labels(Zone, "c"))),
    ];

    [Theory]
    [InlineData(1, null, "a", false)]
    [InlineData(1, null, "b", false)]
    [InlineData(1, null, "c", true)]
    [InlineData(2, null, "b", true)]
    [InlineData(2, null, "a", false)]
    [InlineData(3, null, "a", true)]
    public void DoNotSchedule_filter(int maxSkew, int? minDomains, string node, bool fits)
    {
        var nodes = Cluster();
        var target = nodes.Single(n => n.Name == node);
        var status = Make.Filter(new PodTopologySpread(), Spread(maxSkew, "DoNotSchedule", minDomains: minDomains), target, [.. nodes.Where(n => n != target)]);
        Assert.Equal(fits, status.IsSuccess);
        if (!fits)
        {
            Assert.Equal(StatusCode.Unschedulable, status.Code);
            Assert.Equal(["node(s) didn't match pod topology spread constraints"], status.Reasons);
        }
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(3, false)] // fewer domains than minDomains: the global minimum counts as 0
    public void MinDomains(int? minDomains, bool fits)
    {
        var nodes = Cluster()[..2];
        var status = Make.Filter(new PodTopologySpread(), Spread(2, "DoNotSchedule", minDomains: minDomains), nodes[0], nodes[1]);
        Assert.Equal(fits, status.IsSuccess);
    }

    [Fact]
    public void Node_without_the_topology_key_is_unresolvable()
    {
        var unlabeled = Make.Info(Make.Node("x"));
        var status = Make.Filter(new PodTopologySpread(), Spread(1, "DoNotSchedule"), unlabeled, Cluster());
        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, status.Code);
        Assert.Equal(["node(s) didn't match pod topology spread constraints (missing required label)"], status.Reasons);
    }

    [Fact]
    public void ScheduleAnyway_scores_emptier_domains_higher()
    {
        var pod = Spread(1, "ScheduleAnyway");
        var nodes = Cluster();
        var plugin = new PodTopologySpread();
        var state = new CycleState();
        var pre = new CycleState();
        plugin.PreFilter(pre, new PodInfo(pod), Snapshot.From(nodes));
        Assert.Contains(plugin.Name, pre.SkipFilterPlugins);
        plugin.PreScore(state, new PodInfo(pod), Snapshot.From(nodes), nodes);
        var scores = nodes.Select(n => plugin.Score(state, pod, n)).ToArray();
        Assert.True(scores[0] > scores[1] && scores[1] > scores[2]);
        plugin.NormalizeScores(state, pod, nodes, scores);
        Assert.Equal(100, scores[2]);
        Assert.True(scores[0] < scores[1]);
    }
}
