using k8s.Models;
using Orchestrator.Scheduler.Service;

namespace Orchestrator.Scheduler.Tests.Service;

public class PodChangesTests
{
    [Theory]
    [InlineData(null, "default-scheduler", true)]
    [InlineData("default-scheduler", "default-scheduler", true)]
    [InlineData("other", "default-scheduler", false)]
    [InlineData("other", "other", true)]
    public void Responsibility_follows_scheduler_name(string? podScheduler, string ours, bool expected)
    {
        var pod = Make.Pod();
        pod.Spec.SchedulerName = podScheduler;
        Assert.Equal(expected, PodChanges.IsResponsible(pod, ours));
    }

    [Fact]
    public void Scheduling_gates_hold_a_pod_back()
    {
        var pod = Make.Pod();
        Assert.False(PodChanges.IsGated(pod));
        pod.Spec.SchedulingGates = [new V1PodSchedulingGate { Name = "example.com/wait" }];
        Assert.True(PodChanges.IsGated(pod));
    }

    [Fact]
    public void Status_only_pod_updates_do_not_count()
    {
        var a = Make.Pod("p", cpu: "1");
        var b = Make.Pod("p", cpu: "1");
        b.Status = new V1PodStatus { Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "False" }] };
        Assert.False(PodChanges.SpecOrLabelsChanged(a, b));
        Assert.True(PodChanges.SpecOrLabelsChanged(a, Make.Pod("p", cpu: "2")));
        Assert.True(PodChanges.SpecOrLabelsChanged(a, Make.Pod("p", cpu: "1", labels: Make.Labels("x", "y"))));
    }

    [Fact]
    public void Node_heartbeats_do_not_count_but_allocatable_taints_labels_and_readiness_do()
    {
        var a = Make.Node("n");
        var heartbeat = Make.Node("n");
        heartbeat.Status.Conditions = [new V1NodeCondition { Type = "Ready", Status = "True", LastHeartbeatTime = DateTime.UtcNow }];
        a.Status.Conditions = [new V1NodeCondition { Type = "Ready", Status = "True", LastHeartbeatTime = DateTime.UtcNow.AddSeconds(-10) }];
        Assert.False(PodChanges.NodeSchedulingPropertiesChanged(a, heartbeat));
        Assert.True(PodChanges.NodeSchedulingPropertiesChanged(a, Make.Node("n", cpu: "8")));
        Assert.True(PodChanges.NodeSchedulingPropertiesChanged(a, Make.Node("n", unschedulable: true)));
        Assert.True(PodChanges.NodeSchedulingPropertiesChanged(a, Make.Node("n", labels: Make.Labels("zone", "a"))));
        Assert.True(PodChanges.NodeSchedulingPropertiesChanged(a, Make.Node("n", taints: [new V1Taint { Key = "k", Effect = "NoSchedule" }])));
    }
}
