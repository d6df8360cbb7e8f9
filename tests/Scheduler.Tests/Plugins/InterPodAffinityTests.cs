using k8s.Models;
using Orchestrator.Scheduler.Framework;
using Orchestrator.Scheduler.Plugins.InterPodAffinity;
using Orchestrator.ApiMachinery.Labels;

namespace Orchestrator.Scheduler.Tests.Plugins;

public class InterPodAffinityTests
{
    private const string Zone = "topology.kubernetes.io/zone";

    private static V1PodAffinityTerm Term(string app, string topologyKey = Zone, string[]? namespaces = null) =>
        new() { LabelSelector = new V1LabelSelector { MatchLabels = Make.Labels("app", app) }, TopologyKey = topologyKey, Namespaces = namespaces };

    private static V1Pod Pod(string name, string app, string? ns = null, V1PodAffinityTerm[]? affinity = null, V1PodAffinityTerm[]? anti = null)
    {
        var pod = Make.Pod(name, ns ?? "default", labels: Make.Labels("app", app));
        pod.Spec.Affinity = new V1Affinity
        {
            PodAffinity = affinity is null ? null : new V1PodAffinity { RequiredDuringSchedulingIgnoredDuringExecution = affinity },
            PodAntiAffinity = anti is null ? null : new V1PodAntiAffinity { RequiredDuringSchedulingIgnoredDuringExecution = anti },
        };
        return pod;
    }

    /// <summary>Zone a: nodes a1 (with <paramref name="onA1"/>) and a2; zone b: node b1.</summary>
    private static (NodeInfo A1, NodeInfo A2, NodeInfo B1) Cluster(params V1Pod[] onA1) =>
        (Make.Info(Make.Node("a1", labels: Make.Labels(Zone, "a")), onA1),
         Make.Info(Make.Node("a2", labels: Make.Labels(Zone, "a"))),
         Make.Info(Make.Node("b1", labels: Make.Labels(Zone, "b"))));

    public static TheoryData<string, V1Pod, V1Pod?, bool, bool, string?> Cases => new()
    {
        // name, incoming, existing on a1, fits a2 (same zone), fits b1 (other zone), reason on failure
        { "no affinity", Pod("p", "web"), Pod("e", "db"), true, true, null },
        { "affinity to db zone", Pod("p", "web", affinity: [Term("db")]), Pod("e", "db"), true, false, "node(s) didn't match pod affinity rules" },
        { "affinity hostname", Pod("p", "web", affinity: [Term("db", "kubernetes.io/hostname")]), Pod("e", "db"), false, false, "node(s) didn't match pod affinity rules" },
        { "affinity other namespace not matched", Pod("p", "web", affinity: [Term("db")]), Pod("e", "db", ns: "other"), false, false, "node(s) didn't match pod affinity rules" },
        { "affinity namespaces list", Pod("p", "web", affinity: [Term("db", namespaces: ["other"])]), Pod("e", "db", ns: "other"), true, false, "node(s) didn't match pod affinity rules" },
        { "first pod of self-affine group", Pod("p", "web", affinity: [Term("web")]), null, true, true, null },
        { "anti-affinity zone", Pod("p", "web", anti: [Term("web")]), Pod("e", "web"), false, true, "node(s) didn't match pod anti-affinity rules" },
        { "anti-affinity hostname", Pod("p", "web", anti: [Term("web", "kubernetes.io/hostname")]), Pod("e", "web"), true, true, null },
        { "existing pod anti-affinity", Pod("p", "web"), Pod("e", "db", anti: [Term("web")]), false, true, "node(s) didn't satisfy existing pods anti-affinity rules" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Filter(string name, V1Pod incoming, V1Pod? existing, bool fitsA2, bool fitsB1, string? reason)
    {
        var (a1, a2, b1) = existing is null ? Cluster() : Cluster(existing);
        var plugin = new InterPodAffinity();
        var state = new CycleState();
        var info = new PodInfo(incoming);
        state.SetPodInfo(info);
        Assert.True(plugin.PreFilter(state, info, Snapshot.From([a1, a2, b1])).IsSuccess);
        var onA2 = state.SkipFilterPlugins.Contains(plugin.Name) ? Status.Success : plugin.Filter(state, incoming, a2);
        var onB1 = state.SkipFilterPlugins.Contains(plugin.Name) ? Status.Success : plugin.Filter(state, incoming, b1);
        Assert.True(fitsA2 == onA2.IsSuccess, $"{name}: a2 {onA2}");
        Assert.True(fitsB1 == onB1.IsSuccess, $"{name}: b1 {onB1}");
        var failed = !onA2.IsSuccess ? onA2 : onB1;
        if (reason is not null)
        {
            Assert.Equal([reason], failed.Reasons);
        }
    }

    [Theory]
    [InlineData("prod", true)]
    [InlineData("dev", false)]
    public void NamespaceSelector_terms_use_namespace_labels(string envOfOther, bool fitsZoneA)
    {
        var term = Term("db");
        term.NamespaceSelector = new V1LabelSelector { MatchLabels = Make.Labels("env", "prod") };
        var incoming = Pod("p", "web", affinity: [term]);
        var (a1, a2, b1) = Cluster(Pod("e", "db", ns: "other"));
        var snapshot = Snapshot.From([a1, a2, b1]);
        snapshot.NamespaceLabels = ns => ns == "other" ? Make.Labels("env", envOfOther) : null;
        var plugin = new InterPodAffinity();
        var state = new CycleState();
        var info = new PodInfo(incoming);
        state.SetPodInfo(info);
        plugin.PreFilter(state, info, snapshot);
        Assert.Equal(fitsZoneA, plugin.Filter(state, incoming, a2).IsSuccess);
        Assert.False(plugin.Filter(state, incoming, b1).IsSuccess);
    }

    [Fact]
    public void Score_prefers_zone_with_preferred_pods_and_avoids_anti()
    {
        var pod = Make.Pod("p", labels: Make.Labels("app", "web"));
        pod.Spec.Affinity = new V1Affinity
        {
            PodAffinity = new V1PodAffinity { PreferredDuringSchedulingIgnoredDuringExecution = [new V1WeightedPodAffinityTerm { Weight = 10, PodAffinityTerm = Term("cache") }] },
            PodAntiAffinity = new V1PodAntiAffinity { PreferredDuringSchedulingIgnoredDuringExecution = [new V1WeightedPodAffinityTerm { Weight = 5, PodAffinityTerm = Term("web") }] },
        };
        var a = Make.Info(Make.Node("a", labels: Make.Labels(Zone, "a")), Make.Pod("c", labels: Make.Labels("app", "cache")));
        var b = Make.Info(Make.Node("b", labels: Make.Labels(Zone, "b")), Make.Pod("w", labels: Make.Labels("app", "web")));
        var c = Make.Info(Make.Node("c", labels: Make.Labels(Zone, "c")));
        var plugin = new InterPodAffinity();
        var state = new CycleState();
        NodeInfo[] nodes = [a, b, c];
        plugin.PreScore(state, new PodInfo(pod), Snapshot.From(nodes), nodes);
        var scores = nodes.Select(n => plugin.Score(state, pod, n)).ToArray();
        Assert.Equal([10L, -5, 0], scores);
        plugin.NormalizeScores(state, pod, nodes, scores);
        Assert.Equal([100L, 0, 33], scores);
    }
}
