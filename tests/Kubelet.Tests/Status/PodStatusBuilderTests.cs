using k8s.Models;
using Orchestrator.Kubelet.Runtime;
using Orchestrator.Kubelet.Status;

namespace Orchestrator.Kubelet.Tests.Status;

public sealed class PodStatusBuilderTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("Always", new[] { "running", "running" }, "Running")]
    [InlineData("Always", new[] { "running", "waiting" }, "Pending")]
    [InlineData("Always", new[] { "exit0", "exit1" }, "Running")]
    [InlineData("Never", new[] { "exit0", "exit0" }, "Succeeded")]
    [InlineData("Never", new[] { "exit0", "exit1" }, "Failed")]
    [InlineData("Never", new[] { "running", "exit1" }, "Running")]
    [InlineData("OnFailure", new[] { "exit0" }, "Succeeded")]
    [InlineData("OnFailure", new[] { "exit1" }, "Running")]
    public void Phase_follows_upstream_getPhase(string restartPolicy, string[] states, string phase)
    {
        var (pod, observed) = Scenario(restartPolicy, states);
        Assert.Equal(phase, PodStatusBuilder.Build(pod, observed, "10.0.0.2", "192.168.0.1", Now).Phase);
    }

    [Fact]
    public void Running_pod_is_ready_with_ips_and_conditions()
    {
        var (pod, observed) = Scenario("Always", ["running"]);
        var status = PodStatusBuilder.Build(pod, observed, "10.0.0.2", "192.168.0.1", Now);
        Assert.Equal("10.0.0.2", status.PodIP);
        Assert.Equal("10.0.0.2", Assert.Single(status.PodIPs).Ip);
        Assert.Equal("192.168.0.1", status.HostIP);
        Assert.All(status.Conditions, c => Assert.Equal("True", c.Status));
        Assert.Equal(["PodReadyToStartContainers", "Initialized", "ContainersReady", "Ready", "PodScheduled"], status.Conditions.Select(c => c.Type));
        var container = Assert.Single(status.ContainerStatuses);
        Assert.True(container.Ready);
        Assert.NotNull(container.State.Running);
        Assert.Equal("BestEffort", status.QosClass);
    }

    [Fact]
    public void Completed_pod_reports_PodCompleted_and_exit_details()
    {
        var (pod, observed) = Scenario("Never", ["exit1"]);
        var status = PodStatusBuilder.Build(pod, observed, "10.0.0.2", "192.168.0.1", Now);
        var ready = status.Conditions.Single(c => c.Type == "Ready");
        Assert.Equal(("False", "PodCompleted"), (ready.Status, ready.Reason));
        var terminated = status.ContainerStatuses[0].State.Terminated;
        Assert.Equal((1, "Error"), (terminated.ExitCode, terminated.Reason));
    }

    [Fact]
    public void Transition_times_move_only_when_a_condition_changes()
    {
        var (pod, observed) = Scenario("Always", ["running"]);
        var first = PodStatusBuilder.Build(pod, observed, "ip", "host", Now);
        pod.Status = first;
        var second = PodStatusBuilder.Build(pod, observed, "ip", "host", Now.AddMinutes(5));
        Assert.All(second.Conditions, c => Assert.Equal(Now, c.LastTransitionTime));
        Assert.True(PodStatusComparer.Equivalent(first, second));
        Assert.Equal(Now, second.StartTime);
    }

    [Fact]
    public void Waiting_containers_make_the_pod_not_ready_with_upstream_message()
    {
        var (pod, observed) = Scenario("Always", ["running", "waiting"]);
        var ready = PodStatusBuilder.Build(pod, observed, "ip", "host", Now).Conditions.Single(c => c.Type == "Ready");
        Assert.Equal(("False", "ContainersNotReady", "containers with unready status: [c1]"), (ready.Status, ready.Reason, ready.Message));
    }

    [Fact]
    public void Ephemeral_containers_are_reported_by_name_never_ready_and_do_not_change_the_phase()
    {
        var (pod, observed) = Scenario("Always", ["running"]);
        pod.Spec.EphemeralContainers =
        [
            new V1EphemeralContainer { Name = "debugger-b", Image = "busybox" },
            new V1EphemeralContainer { Name = "debugger-a", Image = "busybox:1" },
        ];
        observed = observed with
        {
            EphemeralContainers =
            [
                new ObservedContainer("debugger-b", ContainerRunState.Exited, 0, Now, Now, 1, ContainerId: "containerd://b", ImageId: "sha256:b"),
                new ObservedContainer("debugger-a", ContainerRunState.Running, 0, Now, ContainerId: "containerd://a", ImageId: "sha256:a"),
            ],
        };

        var status = PodStatusBuilder.Build(pod, observed, "ip", "host", Now);

        Assert.Equal("Running", status.Phase);
        Assert.Equal("True", status.Conditions.Single(c => c.Type == "Ready").Status);
        Assert.Equal(["debugger-a", "debugger-b"], status.EphemeralContainerStatuses.Select(s => s.Name));
        var (a, b) = (status.EphemeralContainerStatuses[0], status.EphemeralContainerStatuses[1]);
        Assert.Equal(("busybox:1", "sha256:a", "containerd://a", false, (bool?)null), (a.Image, a.ImageID, a.ContainerID, a.Ready, a.Started));
        Assert.Equal(Now, a.State.Running.StartedAt);
        Assert.Equal((1, "Error"), (b.State.Terminated.ExitCode, b.State.Terminated.Reason));
        Assert.False(b.Ready);
    }

    [Fact]
    public void An_ephemeral_container_not_yet_started_is_waiting_and_a_pod_without_any_reports_none()
    {
        var (pod, observed) = Scenario("Always", ["running"]);
        Assert.Null(PodStatusBuilder.Build(pod, observed, "ip", "host", Now).EphemeralContainerStatuses);

        pod.Spec.EphemeralContainers = [new V1EphemeralContainer { Name = "dbg", Image = "busybox" }];
        var waiting = Assert.Single(PodStatusBuilder.Build(pod, observed, "ip", "host", Now).EphemeralContainerStatuses);

        Assert.Equal("ContainerCreating", waiting.State.Waiting.Reason);
    }

    [Fact]
    public void A_change_of_an_ephemeral_containers_state_is_a_status_change()
    {
        var (pod, observed) = Scenario("Always", ["running"]);
        pod.Spec.EphemeralContainers = [new V1EphemeralContainer { Name = "dbg", Image = "busybox" }];
        var waiting = PodStatusBuilder.Build(pod, observed, "ip", "host", Now);
        var running = PodStatusBuilder.Build(pod, observed with { EphemeralContainers = [new ObservedContainer("dbg", ContainerRunState.Running, 0, Now)] }, "ip", "host", Now);

        Assert.False(PodStatusComparer.Equivalent(waiting, running));
    }

    [Theory]
    [InlineData(null, null, "BestEffort")]
    [InlineData("100m", null, "Burstable")]
    [InlineData(null, "1", "Guaranteed")]
    [InlineData("500m", "1", "Burstable")]
    public void Qos_class(string? cpuRequest, string? limits, string expected)
    {
        var resources = new V1ResourceRequirements
        {
            Requests = cpuRequest is null ? null : new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpuRequest) },
            Limits = limits is null ? null : new Dictionary<string, ResourceQuantity> { ["cpu"] = new(limits), ["memory"] = new("1Gi") },
        };
        var spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Resources = resources }] };
        Assert.Equal(expected, PodStatusBuilder.QosClass(spec));
    }

    private static (V1Pod Pod, ObservedPod Observed) Scenario(string restartPolicy, string[] states)
    {
        var containers = states.Select((_, i) => new V1Container { Name = "c" + i, Image = "busybox" }).ToList();
        var pod = new V1Pod { Metadata = new V1ObjectMeta { Name = "p" }, Spec = new V1PodSpec { RestartPolicy = restartPolicy, Containers = containers } };
        var observed = states.Select((s, i) => s switch
        {
            "running" => new ObservedContainer("c" + i, ContainerRunState.Running, 0, Now),
            "waiting" => new ObservedContainer("c" + i, ContainerRunState.Waiting, 0),
            "exit0" => new ObservedContainer("c" + i, ContainerRunState.Exited, 0, Now, Now, 0),
            _ => new ObservedContainer("c" + i, ContainerRunState.Exited, 0, Now, Now, 1),
        }).ToList();
        return (pod, new ObservedPod(observed));
    }
}
