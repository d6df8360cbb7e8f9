using Orchestrator.Kubelet.Metrics;
using Orchestrator.Kubelet.Runtime;

namespace Orchestrator.Kubelet.Tests.Metrics;

public sealed class KubeletPodMetricsTests
{
    private static readonly ObservedPod Running = new([new ObservedContainer("c", ContainerRunState.Running, 0, ContainerId: "hollow://1")]);
    private static readonly ObservedPod Pulling = new([new ObservedContainer("c", ContainerRunState.Waiting, 0)]);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void The_start_duration_runs_from_first_sight_to_the_sync_that_reports_Running_and_is_observed_once()
    {
        using var metrics = new KubeletPodMetrics(_time);
        metrics.Seen("a");
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(metrics.Synced("a", Pulling, null, "Pending"));
        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(TimeSpan.FromSeconds(5), metrics.Synced("a", Running, "Pending", "Running"));
        Assert.Null(metrics.Synced("a", Running, "Pending", "Running")); // the status write failed and the pod is synced again
    }

    [Fact]
    public void A_pod_already_Running_in_the_api_is_not_observed()
    {
        using var metrics = new KubeletPodMetrics(_time);
        metrics.Seen("restarted");

        Assert.Null(metrics.Synced("restarted", Running, "Running", "Running"));
    }

    [Fact]
    public void Running_pods_and_containers_count_the_last_sync_of_each_live_pod()
    {
        using var metrics = new KubeletPodMetrics(_time);
        metrics.Synced("a", Running, null, "Running");
        metrics.Synced("b", Running, null, "Running");
        metrics.Synced("c", Pulling with { SandboxReady = false }, null, "Pending");
        Assert.Equal((2, 2, 0, 0), metrics.Totals());

        metrics.Forgotten("b");
        metrics.Synced("a", Pulling, "Running", "Pending");

        Assert.Equal((1, 0, 0, 0), metrics.Totals());
    }
}
