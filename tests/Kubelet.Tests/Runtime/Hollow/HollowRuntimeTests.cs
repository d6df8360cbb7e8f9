using k8s.Models;
using Orchestrator.Kubelet.Metrics;
using Orchestrator.Kubelet.Runtime.Hollow;
using Orchestrator.Kubelet.Runtime;

namespace Orchestrator.Kubelet.Tests.Runtime.Hollow;

public sealed class HollowRuntimeTests
{
    private static readonly NodeNetwork Node = new("n", "192.168.0.1", "10.0.0.0/24", () => []);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Always_pods_run_forever()
    {
        var runtime = new HollowRuntime(new HollowRuntimeOptions(), _time);
        var pod = Pod("Always");
        var observed = await runtime.SyncAsync(pod, Node, default);
        _time.Advance(TimeSpan.FromHours(5));
        var later = await runtime.SyncAsync(pod, Node, default);
        Assert.All(later.Containers, c => Assert.Equal(ContainerRunState.Running, c.State));
        Assert.Null(later.NextChangeIn);
        Assert.Equal(observed.Containers[0].StartedAt, later.Containers[0].StartedAt);
    }

    [Theory]
    [InlineData("Never", null, 0, ContainerRunState.Exited)]
    [InlineData("Never", "3", 3, ContainerRunState.Exited)]
    [InlineData("OnFailure", null, 0, ContainerRunState.Exited)]
    [InlineData("OnFailure", "1", 1, ContainerRunState.Waiting)]
    public async Task Run_to_completion_pods_exit_after_the_run_time(string restartPolicy, string? exitCode, int expectedExit, ContainerRunState after)
    {
        var runtime = new HollowRuntime(new HollowRuntimeOptions { JobRunTime = TimeSpan.FromSeconds(2) }, _time);
        var pod = Pod(restartPolicy, exitCode);
        var running = await runtime.SyncAsync(pod, Node, default);
        Assert.Equal(ContainerRunState.Running, running.Containers[0].State);
        Assert.Equal(TimeSpan.FromSeconds(2), running.NextChangeIn);

        _time.Advance(TimeSpan.FromSeconds(2));
        var done = await runtime.SyncAsync(pod, Node, default);
        var container = done.Containers[0];
        Assert.Equal(after, container.State);
        var exit = container.State == ContainerRunState.Exited ? container : container.LastTermination!;
        Assert.Equal(expectedExit, exit.ExitCode);
    }

    [Fact]
    public async Task Failing_OnFailure_containers_restart_with_crash_loop_backoff()
    {
        var runtime = new HollowRuntime(new HollowRuntimeOptions { JobRunTime = TimeSpan.FromSeconds(1) }, _time);
        var pod = Pod("OnFailure", "2");
        await runtime.SyncAsync(pod, Node, default);
        _time.Advance(TimeSpan.FromSeconds(1 + 10 + 0.5)); // ran 1 s, backed off 10 s, running again
        var observed = await runtime.SyncAsync(pod, Node, default);
        Assert.Equal(ContainerRunState.Running, observed.Containers[0].State);
        Assert.Equal(1, observed.Containers[0].RestartCount);
        Assert.Equal(2, observed.Containers[0].LastTermination!.ExitCode);

        _time.Advance(TimeSpan.FromSeconds(1)); // second crash: now waits 20 s
        var waiting = await runtime.SyncAsync(pod, Node, default);
        Assert.Equal("CrashLoopBackOff", waiting.Containers[0].Reason);
        Assert.Equal(TimeSpan.FromSeconds(20), waiting.NextChangeIn);
    }

    [Fact]
    public async Task An_ephemeral_container_runs_from_the_sync_that_first_sees_it_until_the_pod_is_killed()
    {
        var runtime = new HollowRuntime(new HollowRuntimeOptions(), _time);
        var pod = Pod("Always");
        Assert.Empty((await runtime.SyncAsync(pod, Node, default)).EphemeralContainers);

        _time.Advance(TimeSpan.FromMinutes(1));
        pod.Spec.EphemeralContainers = [new V1EphemeralContainer { Name = "dbg", Image = "busybox" }];
        var added = Assert.Single((await runtime.SyncAsync(pod, Node, default)).EphemeralContainers);
        _time.Advance(TimeSpan.FromHours(1));
        var later = Assert.Single((await runtime.SyncAsync(pod, Node, default)).EphemeralContainers);

        Assert.Equal(("dbg", ContainerRunState.Running, "hollow://uid-1/dbg"), (added.Name, added.State, added.ContainerId));
        Assert.Equal(added.StartedAt, later.StartedAt);
        await runtime.KillAsync(pod, TimeSpan.Zero, default);
        Assert.NotEqual(added.StartedAt, Assert.Single((await runtime.SyncAsync(pod, Node, default)).EphemeralContainers).StartedAt);
    }

    [Fact]
    public async Task Kill_forgets_the_pod_so_a_new_pod_with_the_same_uid_starts_over()
    {
        var runtime = new HollowRuntime(new HollowRuntimeOptions(), _time);
        var pod = Pod("Never");
        await runtime.SyncAsync(pod, Node, default);
        Assert.Equal(1, runtime.PodCount);
        await runtime.KillAsync(pod, TimeSpan.Zero, default);
        Assert.Equal(0, runtime.PodCount);
    }

    [Fact]
    public async Task Starting_and_killing_a_pod_count_the_cri_calls_it_stands_for()
    {
        var runtime = new HollowRuntime(new HollowRuntimeOptions(), _time);
        var pod = Pod("Always");
        pod.Spec.Containers.Add(new V1Container { Name = "second", Image = "busybox" });
        var (sandboxes, creates, starts, stops) = (Ops("run_podsandbox"), Ops("create_container"), Ops("start_container"), Ops("stop_container"));

        await runtime.SyncAsync(pod, Node, default);
        await runtime.SyncAsync(pod, Node, default); // a running pod's sync calls nothing
        await runtime.KillAsync(pod, TimeSpan.Zero, default);

        // Other tests share the registry and run at the same time: at least this pod's calls.
        Assert.True(Ops("run_podsandbox") >= sandboxes + 1);
        Assert.True(Ops("create_container") >= creates + 2);
        Assert.True(Ops("start_container") >= starts + 2);
        Assert.True(Ops("stop_container") >= stops + 2);
        Assert.True(RuntimeOperationMetrics.Duration.WithLabels("stop_podsandbox").Count > 0);
    }

    private static double Ops(string operation) => RuntimeOperationMetrics.Operations.WithLabels(operation).Value;

    [Fact]
    public async Task Pods_get_ips_from_the_node_cidr_around_those_the_api_records_and_give_them_up_when_killed()
    {
        var runtime = new HollowRuntime(new HollowRuntimeOptions(), _time);
        var node = Node with { AssignedPodIps = () => [KeyValuePair.Create("other", "10.0.0.2")] };
        var pod = Pod("Always");

        Assert.Equal("10.0.0.3", (await runtime.SyncAsync(pod, node, default)).PodIp);
        Assert.Equal("10.0.0.3", (await runtime.SyncAsync(pod, node, default)).PodIp);
        await runtime.KillAsync(pod, TimeSpan.Zero, default);
        var next = Pod("Always");
        next.Metadata.Uid = "uid-2";
        Assert.Equal("10.0.0.4", (await runtime.SyncAsync(next, node, default)).PodIp);
    }

    [Fact]
    public async Task Host_network_pods_have_the_host_ip()
    {
        var runtime = new HollowRuntime(new HollowRuntimeOptions(), _time);
        var pod = Pod("Always");
        pod.Spec.HostNetwork = true;

        Assert.Equal("192.168.0.1", (await runtime.SyncAsync(pod, Node with { PodCidr = null }, default)).PodIp);
    }

    private static V1Pod Pod(string restartPolicy, string? exitCode = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "p",
            NamespaceProperty = "default",
            Uid = "uid-1",
            Annotations = exitCode is null ? null : new Dictionary<string, string> { [HollowAnnotations.ExitCode] = exitCode },
        },
        Spec = new V1PodSpec { NodeName = "n", RestartPolicy = restartPolicy, Containers = [new V1Container { Name = "c", Image = "busybox" }] },
    };
}
