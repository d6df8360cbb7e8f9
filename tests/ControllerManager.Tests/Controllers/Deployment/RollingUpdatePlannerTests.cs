using k8s.Models;
using Orchestrator.ControllerManager.Controllers.Deployment;
using static Orchestrator.ControllerManager.Tests.Controllers.TestObjects;

namespace Orchestrator.ControllerManager.Tests.Controllers.Deployment;

public sealed class RollingUpdatePlannerTests
{
    [Theory]
    // replicas, surge, unavailable, old size, old available, new size, new available => expected (name:replicas)
    [InlineData(3, "25%", "25%", 3, 3, 0, 0, "new:1")]            // surge 1: one new pod first
    [InlineData(3, "25%", "25%", 3, 3, 1, 0, "")]                 // total at max, new not available yet: wait
    [InlineData(3, "25%", "25%", 3, 3, 1, 1, "old:2")]            // new one available: one old goes
    [InlineData(3, "25%", "25%", 2, 2, 1, 1, "new:2")]            // room again: grow new
    [InlineData(10, "3", "2", 10, 10, 0, 0, "new:3")]
    [InlineData(10, "3", "2", 10, 10, 3, 0, "old:8")]             // unavailable budget 2 lets two old go before new ones are ready
    [InlineData(4, "0", "1", 4, 4, 0, 0, "old:3")]                // no surge: scale down first
    [InlineData(4, "0", "1", 3, 3, 0, 0, "new:1")]
    [InlineData(3, "100%", "0", 3, 3, 0, 0, "new:3")]
    [InlineData(3, "25%", "25%", 0, 0, 3, 3, "")]                 // done
    public void Takes_one_step_within_the_limits(int replicas, string surge, string unavailable, int oldSize, int oldAvailable, int newSize, int newAvailable, string expected)
    {
        var d = NewDeployment(replicas, surge, unavailable);
        var old = NewReplicaSet("old", oldSize, available: oldAvailable, created: Now.AddHours(-2));
        var @new = NewReplicaSet("new", newSize, available: newAvailable);

        var steps = RollingUpdatePlanner.Plan(d, @new, [old]);

        Assert.Equal(expected, Describe(steps, [old, @new]));
        AssertWithinLimits(d, [old, @new], steps);
    }

    [Fact]
    public void Unhealthy_old_replicas_are_removed_before_healthy_ones()
    {
        var d = NewDeployment(4, "1", "1");
        var oldest = NewReplicaSet("oldest", 2, available: 2, created: Now.AddHours(-3));
        var broken = NewReplicaSet("broken", 2, available: 0, created: Now.AddHours(-2));
        var @new = NewReplicaSet("new", 1, available: 0);

        var steps = RollingUpdatePlanner.Plan(d, @new, [oldest, broken]);

        // maxScaledDown = 5 - 3 - 1 = 1: the one budgeted removal hits the broken ReplicaSet.
        Assert.Equal("broken:1", Describe(steps, [oldest, broken, @new]));
    }

    [Fact]
    public void A_new_replica_set_larger_than_desired_is_scaled_down_to_it()
    {
        var d = NewDeployment(2);
        var @new = NewReplicaSet("new", 5);

        var step = Assert.Single(RollingUpdatePlanner.Plan(d, @new, []));

        Assert.Equal((2, "down"), (step.Replicas, step.Operation));
    }

    [Theory]
    [InlineData(3, "25%", 0, 0, 3)]
    [InlineData(3, "25%", 3, 0, 1)]
    [InlineData(3, "25%", 3, 1, 1)]
    [InlineData(10, "30%", 10, 0, 3)]
    [InlineData(10, "30%", 4, 5, 9)]
    public void New_replica_set_grows_up_to_max_surge(int replicas, string surge, int oldSize, int newSize, int expected)
    {
        var d = NewDeployment(replicas, surge, "0");
        var old = NewReplicaSet("old", oldSize);
        var @new = NewReplicaSet("new", newSize);

        Assert.Equal(expected, RollingUpdatePlanner.NewReplicaSetReplicas(d, [old, @new], @new));
    }

    [Theory]
    [InlineData(3, 2, 1)] // old scaled 3 -> 2 but still reports 3 pods: the new one may not grow yet
    [InlineData(2, 2, 2)] // the old pod is gone: grow
    public void New_replica_set_waits_for_pods_an_old_replica_set_is_still_deleting(int oldStatusReplicas, int oldSpec, int expected)
    {
        var d = NewDeployment(3, "1", "0");
        var old = NewReplicaSet("old", oldSpec, statusReplicas: oldStatusReplicas);
        var @new = NewReplicaSet("new", 1, statusReplicas: 1);

        Assert.Equal(expected, RollingUpdatePlanner.NewReplicaSetReplicas(d, [old, @new], @new));
    }

    [Fact]
    public void A_whole_rollout_simulated_step_by_step_never_breaks_the_limits()
    {
        var d = NewDeployment(10, "3", "2");
        var old = NewReplicaSet("old", 10, created: Now.AddHours(-2));
        var @new = NewReplicaSet("new", 0);
        for (var round = 0; round < 50 && !(ReplicaSets.Replicas(@new) == 10 && ReplicaSets.Replicas(old) == 0); round++)
        {
            var steps = RollingUpdatePlanner.Plan(d, @new, [old]);
            AssertWithinLimits(d, [old, @new], steps);
            foreach (var step in steps)
            {
                step.ReplicaSet.Spec.Replicas = step.Replicas;
            }

            // Every pod becomes available before the next sync.
            foreach (var rs in new[] { old, @new })
            {
                rs.Status.Replicas = rs.Spec.Replicas!.Value;
                rs.Status.AvailableReplicas = rs.Status.ReadyReplicas = rs.Spec.Replicas;
            }
        }

        Assert.Equal((10, 0), (@new.Spec.Replicas, old.Spec.Replicas));
    }

    private static void AssertWithinLimits(V1Deployment d, V1ReplicaSet[] all, IReadOnlyList<ScaleStep> steps)
    {
        var after = all.Sum(rs => steps.FirstOrDefault(s => s.ReplicaSet == rs)?.Replicas ?? rs.Spec.Replicas!.Value);
        Assert.True(after <= d.Spec.Replicas + RolloutLimits.MaxSurge(d), $"total {after} exceeds replicas + maxSurge");

        // Pods that stay available: available pods of each ReplicaSet, capped by its new size.
        var available = all.Sum(rs => Math.Min(rs.Status.AvailableReplicas ?? 0, steps.FirstOrDefault(s => s.ReplicaSet == rs)?.Replicas ?? rs.Spec.Replicas!.Value));
        var before = all.Sum(rs => rs.Status.AvailableReplicas ?? 0);
        Assert.True(available >= Math.Min(before, d.Spec.Replicas!.Value - RolloutLimits.MaxUnavailable(d)), $"available {available} below replicas - maxUnavailable");
    }

    private static string Describe(IReadOnlyList<ScaleStep> steps, V1ReplicaSet[] all) =>
        string.Join(",", steps.Select(s => $"{s.Name}:{s.Replicas}"));
}
