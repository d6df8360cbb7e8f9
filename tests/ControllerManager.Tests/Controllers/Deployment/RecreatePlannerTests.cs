using k8s.Models;
using Orchestrator.ControllerManager.Controllers.Deployment;
using static Orchestrator.ControllerManager.Tests.Controllers.TestObjects;

namespace Orchestrator.ControllerManager.Tests.Controllers.Deployment;

public sealed class RecreatePlannerTests
{
    [Fact]
    public void Old_replica_sets_are_scaled_to_zero_first()
    {
        var old = NewReplicaSet("old", 3);

        var plan = RecreatePlanner.Plan(null, [old], new Dictionary<string, IReadOnlyList<V1Pod>>());

        Assert.Equal([("old", 0)], plan.ScaleDown.Select(s => (s.Name, s.Replicas)));
        Assert.False(plan.ScaleUpNew);
    }

    [Theory]
    [InlineData("Running", false)]
    [InlineData("Pending", false)]
    [InlineData("Unknown", false)]
    [InlineData("Succeeded", true)]
    [InlineData("Failed", true)]
    public void The_new_replica_set_waits_until_no_old_pod_runs(string oldPodPhase, bool scaleUp)
    {
        var old = NewReplicaSet("old", 0, statusReplicas: 0);
        var pods = new Dictionary<string, IReadOnlyList<V1Pod>> { [old.Metadata.Uid] = [NewPod("old-pod", old.Metadata.Uid, phase: oldPodPhase)] };

        var plan = RecreatePlanner.Plan(null, [old], pods);

        Assert.Empty(plan.ScaleDown);
        Assert.Equal(scaleUp, plan.ScaleUpNew);
    }

    [Fact]
    public void Old_replica_sets_still_reporting_replicas_block_the_new_one()
    {
        var old = NewReplicaSet("old", 0, statusReplicas: 2);

        Assert.False(RecreatePlanner.Plan(null, [old], new Dictionary<string, IReadOnlyList<V1Pod>>()).ScaleUpNew);
    }

    [Fact]
    public void Pods_of_the_new_replica_set_do_not_block_it()
    {
        var @new = NewReplicaSet("new", 1);
        var pods = new Dictionary<string, IReadOnlyList<V1Pod>> { [@new.Metadata.Uid] = [NewPod("new-pod", @new.Metadata.Uid)] };

        Assert.True(RecreatePlanner.Plan(@new, [], pods).ScaleUpNew);
    }
}
