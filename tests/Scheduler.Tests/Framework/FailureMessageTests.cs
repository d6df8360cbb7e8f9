using Orchestrator.Scheduler.Framework;

namespace Orchestrator.Scheduler.Tests.Framework;

public class FailureMessageTests
{
    private static Diagnosis With(params (string Node, Status Status)[] statuses)
    {
        var d = new Diagnosis();
        foreach (var (node, status) in statuses)
        {
            d.NodeToStatus[node] = status;
        }

        return d;
    }

    [Fact]
    public void Counts_and_sorts_reasons_like_upstream()
    {
        var taint = Status.Unresolvable("node(s) had untolerated taint {key: value}");
        var cpu = Status.Unschedulable("Insufficient cpu");
        var d = With(("a", taint), ("b", taint), ("c", cpu), ("d", cpu), ("e", cpu));
        Assert.Equal(
            "0/5 nodes are available: 2 node(s) had untolerated taint {key: value}, 3 Insufficient cpu. "
            + "preemption: 0/5 nodes are available: 2 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.",
            FailureMessage.Build(Make.Pod(), 5, d));
    }

    [Fact]
    public void Every_reason_of_a_node_is_counted()
    {
        var d = With(("a", Status.Unschedulable("Insufficient cpu", "Insufficient memory")), ("b", Status.Unschedulable("Insufficient memory")));
        Assert.StartsWith("0/2 nodes are available: 1 Insufficient cpu, 2 Insufficient memory. ", FailureMessage.Build(Make.Pod(), 2, d), StringComparison.Ordinal);
    }

    [Fact]
    public void Reasons_sort_as_strings_including_their_counts()
    {
        var d = With(
            ("a", Status.Unresolvable("node(s) didn't match Pod's node affinity/selector")),
            ("b", Status.Unresolvable("node(s) were unschedulable")),
            ("c", Status.Unresolvable("node(s) were unschedulable")));
        Assert.StartsWith(
            "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 node(s) were unschedulable. ",
            FailureMessage.Build(Make.Pod(), 3, d),
            StringComparison.Ordinal);
    }

    [Fact]
    public void All_unresolvable_matches_the_common_upstream_message()
    {
        var taint = Status.Unresolvable("node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }");
        Assert.Equal(
            "0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
            FailureMessage.Build(Make.Pod(), 1, With(("a", taint))));
    }

    [Fact]
    public void PreFilter_failure_is_reported_once()
    {
        var d = new Diagnosis { PreFilterStatus = Status.Unresolvable("pod has unbound immediate PersistentVolumeClaims") };
        Assert.Equal(
            "0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
            FailureMessage.Build(Make.Pod(), 3, d));
    }

    [Fact]
    public void PreemptionPolicy_never_says_so()
    {
        var pod = Make.Pod();
        pod.Spec.PreemptionPolicy = "Never";
        Assert.Equal(
            "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.",
            FailureMessage.Build(pod, 1, With(("a", Status.Unschedulable("Insufficient cpu")))));
    }
}
