using k8s.Models;
using Orchestrator.Host.Explain;
using static Orchestrator.Orchestrator.Tests.Explain.ExplainObjects;

namespace Orchestrator.Orchestrator.Tests.Explain;

/// <summary>Image pulls, crash loops, config errors, probes and init containers of a scheduled pod.</summary>
public sealed class ContainerAnalysisTests
{
    [Fact]
    public void An_image_pull_failure_quotes_the_registry_and_says_what_to_check()
    {
        var pod = Running(new V1ContainerStatus
        {
            Name = "app", Image = "registry.local/app:1",
            State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ImagePullBackOff", Message = "Back-off pulling image \"registry.local/app:1\"" } },
        });
        var events = new[] { Event("Failed", "Failed to pull image \"registry.local/app:1\": manifest unknown: tag 1 not found") };
        var finding = Assert.Single(PodExplainer.Analyse(Facts(pod, events: events)), f => f.Severity == Severity.Error);
        Assert.Equal("Container app cannot get its image", finding.Summary);
        Assert.Contains("kubelet (10s ago): Failed to pull image \"registry.local/app:1\": manifest unknown: tag 1 not found", finding.Details);
        Assert.Contains("imagePullSecrets", finding.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void A_crash_loop_shows_exit_code_reason_and_last_log_lines()
    {
        var pod = Running(new V1ContainerStatus
        {
            Name = "app", RestartCount = 5,
            State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CrashLoopBackOff", Message = "back-off 2m40s restarting failed container" } },
            LastState = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 3, Reason = "Error", FinishedAt = Now.AddSeconds(-30).UtcDateTime } },
        });
        var finding = Assert.Single(PodExplainer.Analyse(Facts(pod, logs: new Dictionary<string, string> { ["app"] = "starting\nfatal: no DATABASE_URL\n" })), f => f.Severity == Severity.Error);
        Assert.Equal("Container app keeps crashing", finding.Summary);
        Assert.Equal("restarted 5 times; last exit code 3 (Error), 30s ago", finding.Details[0]);
        Assert.Equal(["last log lines:", "  | starting", "  | fatal: no DATABASE_URL"], finding.Details.Skip(2));
        Assert.Contains("--previous", finding.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_memory_says_to_raise_the_limit()
    {
        var pod = Running(new V1ContainerStatus
        {
            Name = "app", RestartCount = 1,
            LastState = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 137, Reason = "OOMKilled" } },
        });
        Assert.Contains("limits.memory", Assert.Single(PodExplainer.Analyse(Facts(pod)), f => f.Severity == Severity.Error).Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_readiness_probe_is_named_with_its_last_message()
    {
        var pod = Running(new V1ContainerStatus { Name = "app", State = new V1ContainerState { Running = new V1ContainerStateRunning() } });
        var events = new[]
        {
            Event("Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503", secondsAgo: 5, count: 7),
            Event("Unhealthy", "Liveness probe failed: Get \"http://10.244.0.5:8080/healthz\": connection refused", secondsAgo: 20),
        };
        var findings = PodExplainer.Analyse(Facts(pod, events: events));
        var readiness = Assert.Single(findings, f => f.Summary == "Readiness probe failing");
        Assert.Equal("7 failure(s), last 5s ago: Readiness probe failed: HTTP probe failed with statuscode: 503", readiness.Details[0]);
        Assert.Contains("restarts the container", Assert.Single(findings, f => f.Summary == "Liveness probe failing").Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_error_quotes_the_kubelet()
    {
        var pod = Running(new V1ContainerStatus
        {
            Name = "app",
            State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CreateContainerConfigError", Message = "couldn't find key url in ConfigMap default/settings" } },
        });
        var finding = Assert.Single(PodExplainer.Analyse(Facts(pod, configMaps: ["settings"])), f => f.Severity == Severity.Error);
        Assert.Equal("CreateContainerConfigError: couldn't find key url in ConfigMap default/settings", finding.Details[0]);
    }

    [Fact]
    public void A_running_init_container_holds_the_app_back()
    {
        var pod = Pod(node: "node-a");
        pod.Spec.InitContainers = [new V1Container { Name = "migrate" }];
        pod.Status.InitContainerStatuses = [new V1ContainerStatus { Name = "migrate", State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = Now.AddSeconds(-90).UtcDateTime } } }];
        var finding = Assert.Single(PodExplainer.Analyse(Facts(pod)));
        Assert.Equal("Init container migrate has not finished: the app containers start after it", finding.Summary);
        Assert.Equal("running since 90s ago", finding.Details[0]);
    }

    [Fact]
    public void A_failing_init_container_is_a_crash()
    {
        var pod = Pod(node: "node-a");
        pod.Spec.InitContainers = [new V1Container { Name = "migrate" }];
        pod.Status.InitContainerStatuses = [new V1ContainerStatus
        {
            Name = "migrate", RestartCount = 2,
            State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CrashLoopBackOff" } },
            LastState = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 1, Reason = "Error" } },
        }];
        var finding = Assert.Single(PodExplainer.Analyse(Facts(pod)));
        Assert.Equal("Init container migrate keeps crashing", finding.Summary);
    }

    private static V1Pod Running(V1ContainerStatus status)
    {
        var pod = Pod(node: "node-a", phase: "Running");
        pod.Status.ContainerStatuses = [status];
        pod.Status.Conditions = [new V1PodCondition { Type = "Ready", Status = "False", Reason = "ContainersNotReady" }];
        return pod;
    }
}
