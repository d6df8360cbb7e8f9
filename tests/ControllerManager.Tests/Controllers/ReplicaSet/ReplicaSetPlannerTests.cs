using k8s.Models;
using Orchestrator.ControllerManager.Controllers.ReplicaSet;
using static Orchestrator.ControllerManager.Tests.Controllers.TestObjects;

namespace Orchestrator.ControllerManager.Tests.Controllers.ReplicaSet;

public sealed class ReplicaSetPlannerTests
{
    [Theory]
    [InlineData(3, 0, 3, 0)]
    [InlineData(3, 1, 2, 0)]
    [InlineData(3, 3, 0, 0)]
    [InlineData(1, 3, 0, 2)]
    [InlineData(0, 2, 0, 2)]
    public void Compares_active_owned_pods_with_desired_replicas(int replicas, int existing, int create, int delete)
    {
        var rs = NewReplicaSet("web", replicas);
        var pods = Enumerable.Range(0, existing).Select(i => NewPod($"p{i}", rs.Metadata.Uid)).ToList();

        var plan = ReplicaSetPlanner.Compute(rs, pods, pods, expectationsSatisfied: true, Now);

        Assert.Equal(create, plan.Create);
        Assert.Equal(delete, plan.Delete.Count);
        Assert.Equal(existing - replicas, plan.Diff);
    }

    [Theory]
    [InlineData(1000, 0, 500, 0)]
    [InlineData(0, 700, 0, 500)]
    public void Caps_creates_and_deletes_at_the_burst_size(int replicas, int existing, int create, int delete)
    {
        var rs = NewReplicaSet("web", replicas);
        var pods = Enumerable.Range(0, existing).Select(i => NewPod($"p{i}", rs.Metadata.Uid)).ToList();

        var plan = ReplicaSetPlanner.Compute(rs, pods, pods, true, Now);

        Assert.Equal(create, plan.Create);
        Assert.Equal(delete, plan.Delete.Count);
    }

    [Fact]
    public void Does_nothing_while_earlier_creates_are_unobserved()
    {
        var rs = NewReplicaSet("web", 3);

        var plan = ReplicaSetPlanner.Compute(rs, [], [], expectationsSatisfied: false, Now);

        Assert.False(plan.ManageReplicas);
        Assert.Equal(0, plan.Create);
    }

    [Fact]
    public void A_replica_set_being_deleted_neither_creates_nor_adopts()
    {
        var rs = NewReplicaSet("web", 3);
        rs.Metadata.DeletionTimestamp = Now.UtcDateTime;

        var plan = ReplicaSetPlanner.Compute(rs, [NewPod("orphan")], [], true, Now);

        Assert.False(plan.ManageReplicas);
        Assert.Empty(plan.Adopt);
        Assert.Equal(0, plan.Create);
    }

    [Theory]
    [InlineData("Succeeded", false)]
    [InlineData("Failed", false)]
    [InlineData("Running", true)]
    [InlineData("Pending", true)]
    public void Terminated_pods_are_not_counted(string phase, bool counted)
    {
        var rs = NewReplicaSet("web", 1);

        var plan = ReplicaSetPlanner.Compute(rs, [NewPod("p", rs.Metadata.Uid, phase: phase)], [], true, Now);

        Assert.Equal(counted ? 1 : 0, plan.Active.Count);
        Assert.Equal(counted ? 0 : 1, plan.Create);
    }

    [Fact]
    public void Pods_being_deleted_are_not_counted_and_get_replaced()
    {
        var rs = NewReplicaSet("web", 2);
        var pods = new[] { NewPod("a", rs.Metadata.Uid), NewPod("b", rs.Metadata.Uid, deleting: true) };

        var plan = ReplicaSetPlanner.Compute(rs, pods, pods, true, Now);

        Assert.Equal(["a"], plan.Active.Select(p => p.Metadata.Name));
        Assert.Equal(1, plan.Create);
    }

    [Fact]
    public void Adopts_matching_orphans_and_ignores_pods_of_other_controllers_and_other_labels()
    {
        var rs = NewReplicaSet("web", 3);
        var orphan = NewPod("orphan");
        var foreign = NewPod("foreign", ownerUid: "someone-else");
        var unrelated = NewPod("unrelated", labels: new() { ["app"] = "db" });
        var deletingOrphan = NewPod("deleting-orphan", deleting: true);

        var plan = ReplicaSetPlanner.Compute(rs, [orphan, foreign, unrelated, deletingOrphan], [], true, Now);

        Assert.Equal(["orphan"], plan.Adopt.Select(p => p.Metadata.Name));
        Assert.Equal(["orphan"], plan.Active.Select(p => p.Metadata.Name));
        Assert.Equal(2, plan.Create);
    }

    [Fact]
    public void Releases_owned_pods_whose_labels_no_longer_match()
    {
        var rs = NewReplicaSet("web", 1);
        var relabelled = NewPod("relabelled", rs.Metadata.Uid, labels: new() { ["app"] = "debug" });

        var plan = ReplicaSetPlanner.Compute(rs, [relabelled], [], true, Now);

        Assert.Equal(["relabelled"], plan.Release.Select(p => p.Metadata.Name));
        Assert.Empty(plan.Active);
        Assert.Equal(1, plan.Create);
    }

    [Fact]
    public void Scale_down_deletes_the_worst_pods_first()
    {
        var rs = NewReplicaSet("web", 2);
        var pods = new[]
        {
            NewPod("old-ready", rs.Metadata.Uid, created: Now.AddDays(-10), readySince: Now.AddDays(-10)),
            NewPod("pending", rs.Metadata.Uid, phase: "Pending", ready: false),
            NewPod("unscheduled", rs.Metadata.Uid, phase: "Pending", ready: false, node: ""),
            NewPod("not-ready", rs.Metadata.Uid, ready: false),
        };

        var plan = ReplicaSetPlanner.Compute(rs, pods, pods, true, Now);

        Assert.Equal(["unscheduled", "pending"], plan.Delete.Select(p => p.Metadata.Name));
    }
}
