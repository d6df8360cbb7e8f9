using k8s.Models;
using Orchestrator.ControllerManager.Controllers.Deployment;
using static Orchestrator.ControllerManager.Tests.Controllers.TestObjects;

namespace Orchestrator.ControllerManager.Tests.Controllers.Deployment;

public sealed class DeploymentStatusCalculatorTests
{
    [Fact]
    public void Counts_are_summed_over_replica_sets()
    {
        var d = NewDeployment(3);
        var old = NewReplicaSet("old", 2, available: 1, created: Now.AddHours(-2));
        var @new = NewReplicaSet("new", 2, available: 0);

        var status = DeploymentStatusCalculator.Calculate(d, [old, @new], @new, Now);

        Assert.Equal((4, 2, 1, 1, 3), (status.Replicas, status.UpdatedReplicas, status.ReadyReplicas, status.AvailableReplicas, status.UnavailableReplicas));
        Assert.Equal(1, status.ObservedGeneration);
    }

    [Theory]
    [InlineData(3, "True", "MinimumReplicasAvailable", "Deployment has minimum availability.")]
    [InlineData(2, "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.")]
    public void Available_needs_replicas_minus_max_unavailable(int available, string status, string reason, string message)
    {
        var d = NewDeployment(4, "1", "1");
        var rs = NewReplicaSet("rs", 4, available: available);

        var condition = DeploymentConditions.Get(DeploymentStatusCalculator.Calculate(d, [rs], rs, Now), "Available");

        Assert.Equal((status, reason, message), (condition!.Status, condition.Reason, condition.Message));
    }

    [Fact]
    public void A_complete_rollout_reports_new_replica_set_available()
    {
        var d = NewDeployment(3);
        var rs = NewReplicaSet("web-5d4f8c7b9", 3);

        var condition = DeploymentConditions.Get(DeploymentStatusCalculator.Rollout(d, [rs], rs, Now), "Progressing");

        Assert.Equal(("True", "NewReplicaSetAvailable", "ReplicaSet \"web-5d4f8c7b9\" has successfully progressed."), (condition!.Status, condition.Reason, condition.Message));
    }

    [Fact]
    public void Progress_refreshes_the_update_time_but_keeps_the_transition_time()
    {
        var d = NewDeployment(3);
        var since = Now.AddMinutes(-5).UtcDateTime;
        d.Status = new V1DeploymentStatus
        {
            Replicas = 3, UpdatedReplicas = 1, AvailableReplicas = 2,
            Conditions = [new V1DeploymentCondition { Type = "Progressing", Status = "True", Reason = "NewReplicaSetCreated", Message = "Created new replica set \"web-1\"", LastTransitionTime = since, LastUpdateTime = since }],
        };
        var old = NewReplicaSet("web-0", 1, created: Now.AddHours(-1));
        var @new = NewReplicaSet("web-1", 2, available: 1);

        var condition = DeploymentConditions.Get(DeploymentStatusCalculator.Rollout(d, [old, @new], @new, Now), "Progressing")!;

        Assert.Equal(("ReplicaSetUpdated", "ReplicaSet \"web-1\" is progressing."), (condition.Reason, condition.Message));
        Assert.Equal(since, condition.LastTransitionTime);
        Assert.Equal(Now.UtcDateTime, condition.LastUpdateTime);
    }

    [Theory]
    [InlineData(599, "ReplicaSetUpdated")]
    [InlineData(601, "ProgressDeadlineExceeded")]
    public void No_progress_past_the_deadline_times_out(int secondsSinceProgress, string reason)
    {
        var d = NewDeployment(3);
        var last = Now.AddSeconds(-secondsSinceProgress).UtcDateTime;
        var @new = NewReplicaSet("web-1", 3, available: 1);
        d.Status = new V1DeploymentStatus
        {
            Replicas = 3, UpdatedReplicas = 3, ReadyReplicas = 1, AvailableReplicas = 1, ObservedGeneration = 1,
            Conditions = [new V1DeploymentCondition { Type = "Progressing", Status = "True", Reason = "ReplicaSetUpdated", Message = "ReplicaSet \"web-1\" is progressing.", LastTransitionTime = last, LastUpdateTime = last }],
        };

        var condition = DeploymentConditions.Get(DeploymentStatusCalculator.Rollout(d, [@new], @new, Now), "Progressing")!;

        Assert.Equal(reason, condition.Reason);
        if (reason == "ProgressDeadlineExceeded")
        {
            Assert.Equal(("False", "ReplicaSet \"web-1\" has timed out progressing."), (condition.Status, condition.Message));
        }
        else
        {
            Assert.Equal(TimeSpan.FromSeconds(1), DeploymentProgress.RecheckAfter(d, DeploymentStatusCalculator.Rollout(d, [@new], @new, Now), Now));
        }
    }

    [Fact]
    public void Without_a_progress_deadline_there_is_no_progressing_condition()
    {
        var d = NewDeployment(1);
        d.Spec.ProgressDeadlineSeconds = null;
        var rs = NewReplicaSet("rs", 1);

        Assert.Null(DeploymentConditions.Get(DeploymentStatusCalculator.Rollout(d, [rs], rs, Now), "Progressing"));
    }

    [Fact]
    public void A_replica_failure_of_the_new_replica_set_surfaces_on_the_deployment()
    {
        var d = NewDeployment(1);
        var rs = NewReplicaSet("rs", 1, available: 0, statusReplicas: 0);
        rs.Status.Conditions = [new V1ReplicaSetCondition { Type = "ReplicaFailure", Status = "True", Reason = "FailedCreate", Message = "quota" }];

        var condition = DeploymentConditions.Get(DeploymentStatusCalculator.Rollout(d, [rs], rs, Now), "ReplicaFailure");

        Assert.Equal(("True", "FailedCreate", "quota"), (condition!.Status, condition.Reason, condition.Message));
    }

    [Fact]
    public void Setting_a_condition_with_the_same_status_and_reason_changes_nothing()
    {
        var status = new V1DeploymentStatus();
        DeploymentConditions.Set(status, DeploymentConditions.New("Available", "True", "MinimumReplicasAvailable", "a", Now.AddHours(-1)));

        DeploymentConditions.Set(status, DeploymentConditions.New("Available", "True", "MinimumReplicasAvailable", "b", Now));

        var condition = Assert.Single(status.Conditions);
        Assert.Equal(("a", Now.AddHours(-1).UtcDateTime), (condition.Message, condition.LastUpdateTime!.Value));
    }
}
