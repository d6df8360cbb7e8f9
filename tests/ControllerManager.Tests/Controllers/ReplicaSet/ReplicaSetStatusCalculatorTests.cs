using Orchestrator.ControllerManager.Controllers.ReplicaSet;
using static Orchestrator.ControllerManager.Tests.Controllers.TestObjects;

namespace Orchestrator.ControllerManager.Tests.Controllers.ReplicaSet;

public sealed class ReplicaSetStatusCalculatorTests
{
    [Theory]
    [InlineData(0, 3, 2, 2)]
    [InlineData(60, 3, 2, 1)]
    [InlineData(3600, 3, 2, 0)]
    public void Counts_ready_and_available_pods(int minReadySeconds, int replicas, int ready, int available)
    {
        var rs = NewReplicaSet("web", 3);
        rs.Spec.MinReadySeconds = minReadySeconds;
        var pods = new[]
        {
            NewPod("long-ready", rs.Metadata.Uid, readySince: Now.AddMinutes(-10)),
            NewPod("just-ready", rs.Metadata.Uid, readySince: Now.AddSeconds(-5)),
            NewPod("not-ready", rs.Metadata.Uid, ready: false),
        };

        var status = ReplicaSetStatusCalculator.Compute(rs, pods, null, Now);

        Assert.Equal(replicas, status.Replicas);
        Assert.Equal(ready, status.ReadyReplicas);
        Assert.Equal(available, status.AvailableReplicas);
        Assert.Equal(1, status.ObservedGeneration);
    }

    [Fact]
    public void Fully_labeled_counts_pods_carrying_every_template_label()
    {
        var rs = NewReplicaSet("web", 2);
        rs.Spec.Template.Metadata.Labels["tier"] = "front";
        var pods = new[]
        {
            NewPod("full", rs.Metadata.Uid, labels: new() { ["app"] = "web", ["tier"] = "front", ["extra"] = "x" }),
            NewPod("partial", rs.Metadata.Uid),
        };

        Assert.Equal(1, ReplicaSetStatusCalculator.Compute(rs, pods, null, Now).FullyLabeledReplicas);
    }

    [Fact]
    public void A_failed_create_adds_replica_failure_and_success_removes_it()
    {
        var rs = NewReplicaSet("web", 2);

        var failed = ReplicaSetStatusCalculator.Compute(rs, [], "pods \"web-x\" is forbidden: exceeded quota", Now);
        var condition = Assert.Single(failed.Conditions);
        Assert.Equal(("ReplicaFailure", "True", "FailedCreate"), (condition.Type, condition.Status, condition.Reason));
        Assert.Equal("pods \"web-x\" is forbidden: exceeded quota", condition.Message);
        Assert.True(ReplicaSetStatusCalculator.NeedsUpdate(rs, failed));

        rs.Status = failed;
        var recovered = ReplicaSetStatusCalculator.Compute(rs, [NewPod("a", rs.Metadata.Uid), NewPod("b", rs.Metadata.Uid)], null, Now);
        Assert.Null(recovered.Conditions);
    }

    [Fact]
    public void The_steady_state_needs_no_update()
    {
        var rs = NewReplicaSet("web", 1);
        var status = ReplicaSetStatusCalculator.Compute(rs, [NewPod("a", rs.Metadata.Uid)], null, Now);
        rs.Status = status;

        Assert.False(ReplicaSetStatusCalculator.NeedsUpdate(rs, ReplicaSetStatusCalculator.Compute(rs, [NewPod("a", rs.Metadata.Uid)], null, Now)));
    }
}
