using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Client;
using Orchestrator.Kubelet.Runtime.Hollow;
using Orchestrator.Testing;

namespace Orchestrator.Kubelet.Tests;

/// <summary>Hollow nodes against a real in-process API server.</summary>
public sealed class KubeletHostTests : IAsyncLifetime
{
    private InProcessApiServer _api = null!;
    private CancellationTokenSource _stop = null!;
    private Task _running = null!;
    private KubeletHost _kubelet = null!;

    private IKubernetes Client => _api.Client;

    public async Task InitializeAsync()
    {
        _api = await InProcessApiServer.StartAsync();
        _stop = new CancellationTokenSource();
        var registered = new TaskCompletionSource<KubeletHost>();
        var options = new KubeletOptions { LeaseRenewIntervalOverride = TimeSpan.FromMilliseconds(200) };
        _running = ComponentHost.RunAsync("kubelet", _api.CreateClient(), NullLoggerFactory.Instance, context =>
        {
            var runtime = new HollowRuntime(new HollowRuntimeOptions { JobRunTime = TimeSpan.FromMilliseconds(300) }, context.Time);
            var host = new KubeletHost(context, runtime, HollowNodes.Create(2, template: new Kubelet.Node.NodeConfig("t", "0.0.0.0") { Cpu = "8", Taints = [new V1Taint { Key = "example.com/gpu", Effect = "NoSchedule" }] }), options);
            registered.SetResult(host);
            return [host];
        }, null, _stop.Token);
        _kubelet = await registered.Task;
        await _kubelet.Registered.WaitAsync(TimeSpan.FromSeconds(20));
        foreach (var (name, cidr) in new[] { ("hollow-node-0", "10.244.0.0/24"), ("hollow-node-1", "10.244.1.0/24") })
        {
            await Client.CoreV1.PatchNodeAsync(new V1Patch($$$"""{"spec":{"podCIDR":"{{{cidr}}}","podCIDRs":["{{{cidr}}}"]}}""", V1Patch.PatchType.MergePatch), name);
        }
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(TimeSpan.FromSeconds(10));
        await _api.DisposeAsync();
        _stop.Dispose();
    }

    [Fact]
    public async Task Nodes_register_ready_with_capacity_labels_taints_and_leases()
    {
        var node = await Client.CoreV1.ReadNodeAsync("hollow-node-1");
        Assert.Equal("linux", node.Metadata.Labels["kubernetes.io/os"]);
        Assert.Equal("hollow-node-1", node.Metadata.Labels["kubernetes.io/hostname"]);
        Assert.Equal("8", node.Status.Allocatable["cpu"].ToString());
        Assert.Equal("110", node.Status.Capacity["pods"].ToString());
        Assert.Equal("True", node.Status.Conditions.Single(c => c.Type == "Ready").Status);
        Assert.Equal("hollow://1.0.0", node.Status.NodeInfo.ContainerRuntimeVersion);
        Assert.Equal("example.com/gpu", Assert.Single(node.Spec.Taints).Key);

        var lease = await Client.CoordinationV1.ReadNamespacedLeaseAsync("hollow-node-1", "kube-node-lease");
        Assert.Equal("hollow-node-1", lease.Spec.HolderIdentity);
        Assert.Equal(40, lease.Spec.LeaseDurationSeconds);
        Assert.Equal(node.Metadata.Uid, Assert.Single(lease.Metadata.OwnerReferences).Uid);
        var renewed = lease.Spec.RenewTime;
        await Eventually(async () => (await Client.CoordinationV1.ReadNamespacedLeaseAsync("hollow-node-1", "kube-node-lease")).Spec.RenewTime > renewed);
    }

    [Fact]
    public async Task Paused_heartbeats_stop_lease_renewals()
    {
        var agent = _kubelet.Nodes["hollow-node-0"];
        agent.HeartbeatsPaused = true;

        // A skipped period means any renewal started before the pause has landed (beats are sequential).
        var skipped = agent.SkippedHeartbeats;
        await Eventually(() => Task.FromResult(agent.SkippedHeartbeats > skipped));
        var before = (await Client.CoordinationV1.ReadNamespacedLeaseAsync("hollow-node-0", "kube-node-lease")).Spec.RenewTime;
        skipped = agent.SkippedHeartbeats;
        await Eventually(() => Task.FromResult(agent.SkippedHeartbeats >= skipped + 3));
        var after = (await Client.CoordinationV1.ReadNamespacedLeaseAsync("hollow-node-0", "kube-node-lease")).Spec.RenewTime;
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Bound_pod_runs_with_an_ip_from_the_node_cidr()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("web", "hollow-node-1", "Always"), "default");
        var pod = await WaitForPhase("web", "Running");
        Assert.StartsWith("10.244.1.", pod.Status.PodIP, StringComparison.Ordinal);
        Assert.Equal("10.200.0.2", pod.Status.HostIP);
        Assert.True(pod.Status.ContainerStatuses.Single().Ready);
        Assert.Equal("True", pod.Status.Conditions.Single(c => c.Type == "Ready").Status);
    }

    [Theory]
    [InlineData(null, "Succeeded", 0)]
    [InlineData("7", "Failed", 7)]
    public async Task Run_to_completion_pods_finish_with_the_exit_code(string? exitCode, string phase, int expectedExit)
    {
        var name = "job-" + phase.ToLowerInvariant();
        var pod = Pod(name, "hollow-node-0", "Never");
        if (exitCode is not null)
        {
            pod.Metadata.Annotations = new Dictionary<string, string> { [HollowAnnotations.ExitCode] = exitCode };
        }

        await Client.CoreV1.CreateNamespacedPodAsync(pod, "default");
        var done = await WaitForPhase(name, phase);
        Assert.Equal(expectedExit, done.Status.ContainerStatuses.Single().State.Terminated.ExitCode);
    }

    [Fact]
    public async Task Graceful_deletion_ends_with_the_kubelets_final_delete()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("doomed", "hollow-node-0", "Always"), "default");
        await WaitForPhase("doomed", "Running");
        await Client.CoreV1.DeleteNamespacedPodAsync("doomed", "default");
        await Eventually(async () => (await Client.CoreV1.ListNamespacedPodAsync("default", fieldSelector: "metadata.name=doomed")).Items.Count == 0);
    }

    [Fact]
    public async Task Pods_of_other_nodes_are_left_alone()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("elsewhere", "real-node", "Always"), "default");
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("marker", "hollow-node-0", "Always"), "default");
        await WaitForPhase("marker", "Running");
        Assert.Equal("Pending", (await Client.CoreV1.ReadNamespacedPodAsync("elsewhere", "default")).Status.Phase);
    }

    private static V1Pod Pod(string name, string node, string restartPolicy) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { NodeName = node, RestartPolicy = restartPolicy, Containers = [new V1Container { Name = "main", Image = "busybox" }] },
    };

    private async Task<V1Pod> WaitForPhase(string name, string phase)
    {
        V1Pod? pod = null;
        await Eventually(async () => (pod = await Client.CoreV1.ReadNamespacedPodAsync(name, "default")).Status?.Phase == phase);
        return pod!;
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 15 s");
            await Task.Delay(50);
        }
    }
}
