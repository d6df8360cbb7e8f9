using Orchestrator.ControllerManager.Controllers.Deployment;
using static Orchestrator.ControllerManager.Tests.Controllers.TestObjects;

namespace Orchestrator.ControllerManager.Tests.Controllers.Deployment;

public sealed class ScalingPlannerTests
{
    [Fact]
    public void Scaling_mid_rollout_spreads_new_replicas_in_proportion()
    {
        // The documented example: 10 replicas, maxSurge 3, mid-rollout 8 old + 5 new, scaled to 15.
        var d = NewDeployment(15, "3", "2");
        var old = NewReplicaSet("old", 8, created: Now.AddHours(-2)).Annotated(10, 13);
        var @new = NewReplicaSet("new", 5).Annotated(10, 13);

        var steps = ScalingPlanner.Plan(d, @new, [old]);

        Assert.Equal(["old:11", "new:7"], steps.Select(s => $"{s.Name}:{s.Replicas}"));
        Assert.All(steps, s => Assert.Equal("up", s.Operation));
    }

    [Fact]
    public void Scaling_down_mid_rollout_takes_from_the_larger_first()
    {
        var d = NewDeployment(5, "3", "2");
        var old = NewReplicaSet("old", 8, created: Now.AddHours(-2)).Annotated(10, 13);
        var @new = NewReplicaSet("new", 5).Annotated(10, 13);

        var steps = ScalingPlanner.Plan(d, @new, [old]);

        // allowed = 5 + 3 = 8: old 8*8/13 = 4.9 -> 5, new 5*8/13 = 3.1 -> 3.
        Assert.Equal(["old:5", "new:3"], steps.Select(s => $"{s.Name}:{s.Replicas}"));
        Assert.Equal(8, steps.Sum(s => s.Replicas));
    }

    [Theory]
    [InlineData(3, 5, "up")]
    [InlineData(5, 2, "down")]
    public void A_lone_active_replica_set_takes_the_whole_count(int size, int replicas, string operation)
    {
        var d = NewDeployment(replicas);
        var only = NewReplicaSet("only", size);
        var idle = NewReplicaSet("idle", 0, created: Now.AddHours(-5));

        var step = Assert.Single(ScalingPlanner.Plan(d, only, [idle]));

        Assert.Equal(("only", replicas, operation), (step.Name, step.Replicas, step.Operation));
    }

    [Fact]
    public void A_saturated_new_replica_set_scales_old_ones_to_zero()
    {
        var d = NewDeployment(3);
        var @new = NewReplicaSet("new", 3).Annotated(3, 4);
        var old = NewReplicaSet("old", 1, created: Now.AddHours(-1));

        var step = Assert.Single(ScalingPlanner.Plan(d, @new, [old]));

        Assert.Equal(("old", 0), (step.Name, step.Replicas));
    }

    [Theory]
    [InlineData(3, 3, false)]
    [InlineData(3, 5, true)]
    public void A_scaling_event_is_a_changed_desired_replicas_annotation(int annotated, int replicas, bool scaling)
    {
        var d = NewDeployment(replicas);
        var rs = NewReplicaSet("rs", annotated).Annotated(annotated, annotated + 1);

        Assert.Equal(scaling, ScalingPlanner.IsScalingEvent(d, rs, []));
    }
}
