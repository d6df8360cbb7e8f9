using k8s;
using k8s.Models;

namespace Orchestrator.E2E.Tests.Cluster;

/// <summary>
/// Two scheduler processes against one cluster whose own scheduler is off: only the Lease holder
/// binds, and killing it hands over within the lease duration (15 s) plus a retry period.
/// </summary>
public sealed class SchedulerLeaderElectionTests : IAsyncLifetime
{
    private OrchestratorProcess _server = null!;
    private IKubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _server = await OrchestratorProcess.StartAsync(null, null, "--hollow-nodes", "2", "--scheduler", "false");
        _client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_server.Kubeconfig));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Only_the_leader_binds_and_killing_it_hands_over_within_the_lease_duration()
    {
        await using var first = await ComponentProcess.StartAsync("scheduler", "--kubeconfig", _server.Kubeconfig, "--identity", "first");
        await WaitForHolder(h => h == "first", TimeSpan.FromSeconds(30));
        await using var second = await ComponentProcess.StartAsync("scheduler", "--kubeconfig", _server.Kubeconfig, "--identity", "second");

        await _client.CoreV1.CreateNamespacedPodAsync(Pod("one"), "default");
        await WaitForBound("one", TimeSpan.FromSeconds(30));
        var scheduled = await ScheduledEvent("one");
        Assert.Equal("first", scheduled.ReportingInstance);
        await Task.Delay(3000);
        Assert.Equal("first", (await Lease()).Spec.HolderIdentity); // the standby never took over while the leader lived

        await first.KillAsync();
        var killed = DateTime.UtcNow;
        await WaitForHolder(h => h == "second", TimeSpan.FromSeconds(30));
        var handover = DateTime.UtcNow - killed;
        Assert.True(handover <= TimeSpan.FromSeconds(15 + 5), $"handover took {handover.TotalSeconds:F1} s");

        await _client.CoreV1.CreateNamespacedPodAsync(Pod("two"), "default");
        await WaitForBound("two", TimeSpan.FromSeconds(30));
        Assert.Equal("second", (await ScheduledEvent("two")).ReportingInstance);
        Assert.True((await Lease()).Spec.LeaseTransitions >= 1);
    }

    private static V1Pod Pod(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "registry.local/app" }] },
    };

    private Task<V1Lease> Lease() => _client.CoordinationV1.ReadNamespacedLeaseAsync("kube-scheduler", "kube-system");

    private async Task WaitForHolder(Func<string?, bool> holder, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (holder((await Lease()).Spec?.HolderIdentity))
                {
                    return;
                }
            }
            catch (k8s.Autorest.HttpOperationException)
            {
                // not created yet
            }

            Assert.True(DateTime.UtcNow < deadline, "lease holder did not change in time");
            await Task.Delay(200);
        }
    }

    private async Task WaitForBound(string name, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (string.IsNullOrEmpty((await _client.CoreV1.ReadNamespacedPodAsync(name, "default")).Spec.NodeName))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{name} was not bound in time");
            await Task.Delay(200);
        }
    }

    private async Task<Corev1Event> ScheduledEvent(string pod)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var events = await _client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: $"involvedObject.name={pod},reason=Scheduled");
            if (events.Items.Count > 0)
            {
                return events.Items[0];
            }

            Assert.True(DateTime.UtcNow < deadline, $"no Scheduled event for {pod}");
            await Task.Delay(200);
        }
    }
}
