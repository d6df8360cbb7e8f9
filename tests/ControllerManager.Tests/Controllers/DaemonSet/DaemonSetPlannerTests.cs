using k8s.Models;
using Orchestrator.ControllerManager.Controllers.DaemonSet;
using Orchestrator.ControllerManager.Controllers.Workloads;
using static Orchestrator.ControllerManager.Tests.Controllers.DaemonSet.DaemonSetFixtures;

namespace Orchestrator.ControllerManager.Tests.Controllers.DaemonSet;

public sealed class DaemonSetPlannerTests
{
    [Fact]
    public void Creates_one_pod_per_node_without_one()
    {
        var plan = Plan(NewDaemonSet(), [NewNode("a"), NewNode("b"), NewNode("c")], NewPod("p-b", "b"));

        Assert.Equal(["a", "c"], plan.CreateOn);
        Assert.Empty(plan.Delete);
        Assert.Equal((3, 1, 1, 1, 1), (plan.Status.DesiredNumberScheduled, plan.Status.CurrentNumberScheduled, plan.Status.NumberReady, plan.Status.NumberAvailable ?? 0, plan.Status.UpdatedNumberScheduled ?? 0));
        Assert.Equal(2, plan.Status.ObservedGeneration);
    }

    public static TheoryData<string, V1Node, bool> EligibilityCases() => new()
    {
        { "plain node", NewNode("n"), true },
        { "untolerated NoSchedule taint", NewNode("n", null, new V1Taint { Key = "dedicated", Value = "gpu", Effect = "NoSchedule" }), false },
        { "default toleration: unschedulable", NewNode("n", null, new V1Taint { Key = "node.kubernetes.io/unschedulable", Effect = "NoSchedule" }), true },
        { "default toleration: not-ready NoExecute", NewNode("n", null, new V1Taint { Key = "node.kubernetes.io/not-ready", Effect = "NoExecute" }), true },
        { "default toleration: memory pressure", NewNode("n", null, new V1Taint { Key = "node.kubernetes.io/memory-pressure", Effect = "NoSchedule" }), true },
        { "network-unavailable needs hostNetwork", NewNode("n", null, new V1Taint { Key = "node.kubernetes.io/network-unavailable", Effect = "NoSchedule" }), false },
        { "PreferNoSchedule is ignored", NewNode("n", null, new V1Taint { Key = "x", Effect = "PreferNoSchedule" }), true },
    };

    [Theory]
    [MemberData(nameof(EligibilityCases))]
    public void Taints_and_default_tolerations(string name, V1Node node, bool runs)
    {
        var plan = Plan(NewDaemonSet(), [node]);

        Assert.True(runs == (plan.CreateOn.Count == 1), name);
    }

    public static TheoryData<string, string, bool> SelectorCases() => new()
    {
        // name, node's disk label, runs with nodeSelector disk=ssd and affinity zone In [a, b]
        { "matching", "ssd", true },
        { "selector mismatch", "hdd", false },
    };

    [Theory]
    [MemberData(nameof(SelectorCases))]
    public void NodeSelector_and_required_affinity(string name, string disk, bool runs)
    {
        var ds = NewDaemonSet();
        ds.Spec.Template.Spec.NodeSelector = new Dictionary<string, string> { ["disk"] = "ssd" };
        ds.Spec.Template.Spec.Affinity = new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
                {
                    NodeSelectorTerms = [new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = "zone", OperatorProperty = "In", Values = ["a", "b"] }] }],
                },
            },
        };
        var inZone = NewNode("in", new Dictionary<string, string> { ["disk"] = disk, ["zone"] = "a" });
        var outOfZone = NewNode("out", new Dictionary<string, string> { ["disk"] = disk, ["zone"] = "c" });

        var plan = Plan(ds, [inZone, outOfZone]);

        Assert.True((runs ? new[] { "in" } : []).SequenceEqual(plan.CreateOn), name);
    }

    [Fact]
    public void Pods_are_pinned_by_matchFields_and_get_hash_tolerations_and_owner()
    {
        var pod = DaemonPods.New(NewDaemonSet(), "node-1", Hash);

        var term = Assert.Single(pod.Spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms);
        var field = Assert.Single(term.MatchFields);
        Assert.Equal(("metadata.name", "In", "node-1"), (field.Key, field.OperatorProperty, Assert.Single(field.Values)));
        Assert.Null(pod.Spec.NodeName);
        Assert.Equal(Hash, pod.Metadata.Labels[Revisions.HashLabel]);
        Assert.Equal("2", pod.Metadata.Labels["pod-template-generation"]);
        Assert.Equal("agent-", pod.Metadata.GenerateName);
        Assert.Equal(6, pod.Spec.Tolerations.Count);
        Assert.Contains(pod.Spec.Tolerations, t => t is { Key: "node.kubernetes.io/unreachable", OperatorProperty: "Exists", Effect: "NoExecute" });
        Assert.Equal("DaemonSet", Assert.Single(pod.Metadata.OwnerReferences).Kind);
    }

    [Fact]
    public void HostNetwork_pods_also_tolerate_network_unavailable()
    {
        var ds = NewDaemonSet();
        ds.Spec.Template.Spec.HostNetwork = true;

        var pod = DaemonPods.New(ds, "n", Hash);

        Assert.Contains(pod.Spec.Tolerations, t => t is { Key: "node.kubernetes.io/network-unavailable", Effect: "NoSchedule" });
    }

    [Fact]
    public void Deletes_duplicates_failed_pods_and_pods_of_vanished_or_ineligible_nodes()
    {
        var tainted = NewNode("tainted", null, new V1Taint { Key = "evict", Effect = "NoExecute" });
        var plan = Plan(
            NewDaemonSet(),
            [NewNode("a"), NewNode("b"), tainted],
            NewPod("a-old", "a", ageSeconds: 100),
            NewPod("a-new", "a", ageSeconds: 10),
            NewPod("b-failed", "b", phase: "Failed"),
            NewPod("gone", "vanished"),
            NewPod("evicted", "tainted"));

        Assert.Equal(["a-new", "b-failed", "evicted", "gone"], plan.Delete.Select(p => p.Metadata.Name).Order());
        Assert.Contains(plan.Events, e => e is { Reason: "FailedDaemonPod", Type: "Warning" });
        Assert.Equal(1, plan.Status.NumberMisscheduled);
    }

    [Fact]
    public void NoSchedule_taint_added_later_keeps_the_running_pod_but_counts_it_misscheduled()
    {
        var node = NewNode("a", null, new V1Taint { Key = "dedicated", Effect = "NoSchedule" });

        var plan = Plan(NewDaemonSet(), [node], NewPod("p", "a"));

        Assert.Empty(plan.Delete);
        Assert.Empty(plan.CreateOn);
        Assert.Equal((0, 1), (plan.Status.DesiredNumberScheduled, plan.Status.NumberMisscheduled));
    }

    public static TheoryData<string, string?, string[]> RollingCases() => new()
    {
        // name, maxUnavailable, old pods deleted (nodes a..d all run available old pods)
        { "default maxUnavailable 1", null, ["a"] },
        { "maxUnavailable 2", "2", ["a", "b"] },
        { "50% of 4 nodes", "50%", ["a", "b"] },
    };

    [Theory]
    [MemberData(nameof(RollingCases))]
    public void RollingUpdate_deletes_old_pods_within_maxUnavailable(string name, string? maxUnavailable, string[] deleted)
    {
        var nodes = new[] { NewNode("a"), NewNode("b"), NewNode("c"), NewNode("d") };
        var pods = nodes.Select(n => NewPod("old-" + n.Metadata.Name, n.Metadata.Name, hash: "oldhash")).ToArray();

        var plan = Plan(NewDaemonSet(maxUnavailable: maxUnavailable), nodes, pods);

        Assert.True(deleted.Select(n => "old-" + n).SequenceEqual(plan.Delete.Select(p => p.Metadata.Name)), name);
        Assert.Equal(0, plan.Status.UpdatedNumberScheduled);
    }

    [Fact]
    public void RollingUpdate_waits_while_a_new_pod_is_unavailable()
    {
        var nodes = new[] { NewNode("a"), NewNode("b") };

        var plan = Plan(NewDaemonSet(), nodes, NewPod("new-a", "a", ready: false), NewPod("old-b", "b", hash: "oldhash"));

        Assert.Empty(plan.Delete);
    }

    [Fact]
    public void RollingUpdate_replaces_unavailable_old_pods_regardless_of_budget()
    {
        var nodes = new[] { NewNode("a"), NewNode("b") };

        var plan = Plan(NewDaemonSet(), nodes, NewPod("new-a", "a", ready: false), NewPod("old-b", "b", hash: "oldhash", ready: false));

        Assert.Equal("old-b", Assert.Single(plan.Delete).Metadata.Name);
    }

    [Fact]
    public void Surge_starts_new_pod_beside_old_then_deletes_old_once_available()
    {
        var ds = NewDaemonSet(maxUnavailable: "0", maxSurge: "1");
        var nodes = new[] { NewNode("a"), NewNode("b") };

        var start = Plan(ds, nodes, NewPod("old-a", "a", hash: "oldhash"), NewPod("old-b", "b", hash: "oldhash"));
        Assert.Equal(["a"], start.CreateOn);
        Assert.Empty(start.Delete);

        var waiting = Plan(ds, nodes, NewPod("old-a", "a", hash: "oldhash"), NewPod("new-a", "a", ready: false), NewPod("old-b", "b", hash: "oldhash"));
        Assert.Empty(waiting.CreateOn);
        Assert.Empty(waiting.Delete);

        var swap = Plan(ds, nodes, NewPod("old-a", "a", hash: "oldhash"), NewPod("new-a", "a"), NewPod("old-b", "b", hash: "oldhash"));
        Assert.Equal("old-a", Assert.Single(swap.Delete).Metadata.Name);
        Assert.Equal(["b"], swap.CreateOn);
    }

    [Fact]
    public void OnDelete_leaves_old_pods_alone()
    {
        var plan = Plan(NewDaemonSet(strategy: "OnDelete"), [NewNode("a")], NewPod("old-a", "a", hash: "oldhash"));

        Assert.Empty(plan.Delete);
        Assert.Empty(plan.CreateOn);
    }

    [Fact]
    public void Unsatisfied_expectations_change_nothing()
    {
        var plan = DaemonSetPlanner.Compute(NewDaemonSet(), [NewNode("a")], [], Hash, expectationsSatisfied: false, Now);

        Assert.Empty(plan.CreateOn);
        Assert.Equal(1, plan.Status.DesiredNumberScheduled);
    }
}
