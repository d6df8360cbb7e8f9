using k8s.Models;
using Orchestrator.Kubelet.Runtime.Cri;

namespace Orchestrator.Kubelet.Tests.Runtime.Cri;

public sealed class PodActionsPlannerTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_new_pod_gets_a_sandbox_and_all_its_containers()
    {
        var actions = Plan(Pod("Always", ["a", "b"]), PodRuntimeState.Empty);

        Assert.True(actions.CreateSandbox);
        Assert.True(actions.KillPod);
        Assert.Equal(0u, actions.Attempt);
        Assert.Equal(["a", "b"], actions.ContainersToStart);
        Assert.Null(actions.NextInitContainer);
    }

    [Fact]
    public void A_new_pod_with_init_containers_starts_the_first_init_container_only()
    {
        var actions = Plan(Pod("Always", ["a"], init: ["i1", "i2"]), PodRuntimeState.Empty);

        Assert.True(actions.CreateSandbox);
        Assert.Equal("i1", actions.NextInitContainer);
        Assert.Empty(actions.ContainersToStart);
    }

    [Theory]
    [InlineData(nameof(CriContainerState.Running), 0, null)]
    [InlineData(nameof(CriContainerState.Exited), 0, "i2")]
    [InlineData(nameof(CriContainerState.Exited), 1, "i1")]
    public void Init_containers_run_in_order_and_a_failed_one_is_retried(string state, int exitCode, string? next)
    {
        var pod = Pod("Always", ["a"], init: ["i1", "i2"]);
        var actions = Plan(pod, State([Sandbox()], [Container("i1", Enum.Parse<CriContainerState>(state), exitCode)]));

        Assert.False(actions.CreateSandbox);
        Assert.Equal(next, actions.NextInitContainer);
        Assert.Empty(actions.ContainersToStart);
    }

    [Fact]
    public void A_failed_init_container_of_a_run_once_pod_kills_the_pod()
    {
        var actions = Plan(Pod("Never", ["a"], init: ["i1"]), State([Sandbox()], [Container("i1", CriContainerState.Exited, 2)]));

        Assert.True(actions.KillPod);
        Assert.False(actions.CreateSandbox);
    }

    [Fact]
    public void When_every_init_container_succeeded_the_containers_start()
    {
        var pod = Pod("Always", ["a", "b"], init: ["i1", "i2"]);
        var actions = Plan(pod, State([Sandbox()], [Container("i2", CriContainerState.Exited, 0), Container("i1", CriContainerState.Exited, 0)]));

        Assert.Null(actions.NextInitContainer);
        Assert.Equal(["a", "b"], actions.ContainersToStart);
        Assert.False(actions.KillPod);
    }

    [Theory]
    [InlineData("Always", 0, true)]
    [InlineData("Always", 1, true)]
    [InlineData("OnFailure", 0, false)]
    [InlineData("OnFailure", 1, true)]
    [InlineData("Never", 0, false)]
    [InlineData("Never", 1, false)]
    public void An_exited_container_restarts_as_its_restart_policy_says(string policy, int exitCode, bool restarts)
    {
        var pod = Pod(policy, ["a", "b"]);
        var actions = Plan(pod, State([Sandbox()], [Container("a", CriContainerState.Exited, exitCode), Container("b", CriContainerState.Running)]));

        Assert.Equal(restarts, actions.ContainersToStart.Contains("a"));
        Assert.False(actions.KillPod);
    }

    [Fact]
    public void A_pod_with_nothing_left_to_run_has_its_sandbox_stopped()
    {
        var actions = Plan(Pod("Never", ["a"]), State([Sandbox()], [Container("a", CriContainerState.Exited, 0)]));

        Assert.True(actions.KillPod);
        Assert.False(actions.CreateSandbox);
    }

    [Fact]
    public void A_dead_sandbox_is_replaced_with_the_next_attempt()
    {
        var actions = Plan(Pod("Always", ["a"]), State([Sandbox(ready: false, attempt: 2)], [Container("a", CriContainerState.Exited, 137)]));

        Assert.True(actions.CreateSandbox);
        Assert.True(actions.KillPod);
        Assert.Equal(3u, actions.Attempt);
        Assert.Equal(["a"], actions.ContainersToStart);
    }

    [Fact]
    public void A_run_once_pod_whose_sandbox_died_after_running_is_not_started_again()
    {
        var actions = Plan(Pod("Never", ["a"]), State([Sandbox(ready: false)], [Container("a", CriContainerState.Exited, 0)]));

        Assert.False(actions.CreateSandbox);
        Assert.True(actions.KillPod);
    }

    [Fact]
    public void A_sandbox_without_an_ip_is_recreated_unless_on_the_host_network()
    {
        var state = State([Sandbox(ip: null)], [Container("a", CriContainerState.Running)]);

        Assert.True(Plan(Pod("Always", ["a"]), state).CreateSandbox);
        Assert.False(Plan(Pod("Always", ["a"], hostNetwork: true), state).CreateSandbox);
    }

    [Fact]
    public void A_liveness_failure_kills_and_restarts_the_container()
    {
        var state = State([Sandbox()], [Container("a", CriContainerState.Running)]);
        var actions = PodActionsPlanner.Compute(Pod("Always", ["a"]), state, c => "h-" + c.Name, r => $"Container {r.Name} failed liveness probe");

        var kill = Assert.Single(actions.ContainersToKill);
        Assert.Equal("a-0", kill.Id);
        Assert.Equal("Container a failed liveness probe, will be restarted", kill.Message);
        Assert.Equal(["a"], actions.ContainersToStart);
        Assert.False(actions.KillPod);
    }

    [Fact]
    public void A_changed_container_spec_restarts_the_container_even_when_run_once()
    {
        var state = State([Sandbox()], [Container("a", CriContainerState.Running) with { Hash = "old" }]);
        var actions = Plan(Pod("Never", ["a"]), state);

        Assert.Equal("Container a definition changed, will be restarted", Assert.Single(actions.ContainersToKill).Message);
        Assert.Equal(["a"], actions.ContainersToStart);
    }

    [Fact]
    public void A_pod_being_deleted_restarts_nothing()
    {
        var pod = Pod("Always", ["a"]);
        pod.Metadata.DeletionTimestamp = T0;
        var actions = Plan(pod, State([Sandbox()], [Container("a", CriContainerState.Exited, 1)]));

        Assert.Empty(actions.ContainersToStart);
        Assert.True(actions.KillPod);
    }

    [Fact]
    public void Running_containers_are_left_alone()
    {
        var actions = Plan(Pod("Always", ["a"]), State([Sandbox()], [Container("a", CriContainerState.Running)]));

        Assert.False(actions.KillPod);
        Assert.False(actions.CreateSandbox);
        Assert.Empty(actions.ContainersToStart);
        Assert.Empty(actions.ContainersToKill);
        Assert.Equal("s1", actions.SandboxId);
    }

    [Theory]
    [InlineData("Always", null, new[] { "dbg" })]
    [InlineData("Always", nameof(CriContainerState.Running), new string[0])]
    [InlineData("Always", nameof(CriContainerState.Exited), new string[0])]
    [InlineData("Never", nameof(CriContainerState.Exited), new string[0])]
    [InlineData("OnFailure", nameof(CriContainerState.Created), new string[0])]
    public void An_ephemeral_container_starts_once_and_is_never_restarted(string restartPolicy, string? existing, string[] expected)
    {
        var pod = WithEphemeral(Pod(restartPolicy, ["a"]), "dbg");
        var containers = new List<ContainerRecord> { Container("a", CriContainerState.Running) };
        if (existing is not null)
        {
            containers.Add(Container("dbg", Enum.Parse<CriContainerState>(existing), 1));
        }

        var actions = Plan(pod, State([Sandbox()], [.. containers]));

        Assert.Equal(expected, actions.EphemeralContainersToStart);
        Assert.Empty(actions.ContainersToStart);
        Assert.Empty(actions.ContainersToKill);
        Assert.False(actions.KillPod);
        Assert.Equal("s1", actions.SandboxId);
    }

    [Fact]
    public void Ephemeral_containers_start_in_spec_order_while_an_init_container_runs()
    {
        var pod = WithEphemeral(Pod("Always", ["a"], init: ["i1"]), "dbg1", "dbg2");

        var actions = Plan(pod, State([Sandbox()], [Container("i1", CriContainerState.Running)]));

        Assert.Equal(["dbg1", "dbg2"], actions.EphemeralContainersToStart);
        Assert.Null(actions.NextInitContainer);
    }

    [Fact]
    public void A_new_sandbox_does_not_restart_ephemeral_containers()
    {
        var pod = WithEphemeral(Pod("Always", ["a"]), "dbg");

        var actions = Plan(pod, State([Sandbox(ready: false)], [Container("dbg", CriContainerState.Exited, 0)]));

        Assert.True(actions.CreateSandbox);
        Assert.Equal(["a"], actions.ContainersToStart);
        Assert.Empty(actions.EphemeralContainersToStart);
    }

    [Fact]
    public void A_running_ephemeral_container_does_not_keep_a_finished_pod_alive()
    {
        var pod = WithEphemeral(Pod("Never", ["a"]), "dbg");

        var actions = Plan(pod, State([Sandbox()], [Container("a", CriContainerState.Exited, 0), Container("dbg", CriContainerState.Running)]));

        Assert.True(actions.KillPod);
        Assert.Empty(actions.EphemeralContainersToStart);
    }

    private static PodActions Plan(V1Pod pod, PodRuntimeState state) =>
        PodActionsPlanner.Compute(pod, state, c => "h-" + c.Name, _ => null);

    private static V1Pod WithEphemeral(V1Pod pod, params string[] names)
    {
        pod.Spec.EphemeralContainers = names.Select(n => new V1EphemeralContainer { Name = n, Image = "busybox", TargetContainerName = "a" }).ToList();
        return pod;
    }

    private static PodRuntimeState State(SandboxRecord[] sandboxes, ContainerRecord[] containers) => new(sandboxes, containers);

    private static SandboxRecord Sandbox(bool ready = true, uint attempt = 0, string? ip = "10.1.0.2") => new("s1", attempt, ready, ip, T0);

    private static ContainerRecord Container(string name, CriContainerState state, int exitCode = 0) =>
        new($"{name}-0", name, "s1", state, T0, 0, "h-" + name) { ExitCode = exitCode, FinishedAt = state == CriContainerState.Exited ? T0 : null };

    private static V1Pod Pod(string restartPolicy, string[] containers, string[]? init = null, bool hostNetwork = false) => new()
    {
        Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "default", Uid = "uid-1" },
        Spec = new V1PodSpec
        {
            RestartPolicy = restartPolicy,
            HostNetwork = hostNetwork,
            Containers = containers.Select(n => new V1Container { Name = n, Image = "busybox" }).ToList(),
            InitContainers = init?.Select(n => new V1Container { Name = n, Image = "busybox" }).ToList(),
        },
    };
}
