using System.Net;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Operations;

/// <summary>
/// `orchestrator up --hollow-nodes 1`: /metrics on the API server, authorized as a non-resource URL, with
/// upstream's metric names and labels from every in-process component (API server, controllers, scheduler, hollow
/// kubelet), in text Prometheus' parser accepts;
/// and a component run alone serving its own /metrics on --metrics-bind-address.
/// </summary>
public sealed class MetricsTests : IAsyncLifetime
{
    private OrchestratorProcess _server = null!;

    public async Task InitializeAsync() => _server = await OrchestratorProcess.StartAsync(null, null, "--hollow-nodes", "1");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Metrics_OnTheApiServer_CarryUpstreamsFamiliesAndLabels()
    {
        using var kubectl = new Kubectl("1.33", _server.Kubeconfig);
        await Ok(kubectl, "create", "deployment", "web", "--image", "registry.example/web:1", "--replicas", "1");
        await Ok(kubectl, "get", "pods", "-A");
        await Ok(kubectl, "get", "deployment", "web");
        var apply = await kubectl.RunWithInputAsync("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: b\n", "apply", "--server-side", "-f", "-");
        Assert.True(apply.ExitCode == 0, apply.ToString());

        IReadOnlyList<PrometheusSample> samples = [];
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var scrape = await Ok(kubectl, "get", "--raw", "/metrics");
            samples = PrometheusText.Parse(scrape.Stdout); // strict: the whole text, every scrape
            if ((samples.Any(s => s.Name == "apiserver_watch_events_total" && s.Has(("kind", "Pod")) && s.Value > 0)
                    && samples.Any(s => s.Name == "kubelet_pod_start_duration_seconds_count" && s.Value > 0))
                || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(300);
        }

        Assert.Contains(samples, s => s.Name == "apiserver_request_total" && s.Value > 0
            && s.Has(("verb", "LIST"), ("resource", "pods"), ("code", "200"), ("scope", "cluster"), ("component", "apiserver"), ("group", ""), ("version", "v1")));
        Assert.Contains(samples, s => s.Name == "apiserver_request_total" && s.Has(("verb", "POST"), ("group", "apps"), ("resource", "deployments"), ("scope", "namespace"), ("code", "201")));
        Assert.Contains(samples, s => s.Name == "apiserver_request_total" && s.Has(("verb", "APPLY"), ("resource", "configmaps")));
        Assert.Contains(samples, s => s.Name == "apiserver_request_duration_seconds_bucket" && s.Has(("verb", "GET"), ("resource", "deployments"), ("le", "0.005")));
        Assert.Contains(samples, s => s.Name == "apiserver_current_inflight_requests" && s.Has(("request_kind", "readOnly")));
        Assert.Contains(samples, s => s.Name == "apiserver_current_inflight_requests" && s.Has(("request_kind", "mutating")));
        Assert.Contains(samples, s => s.Name == "apiserver_storage_objects" && s.Has(("resource", "namespaces")) && s.Value >= 4);
        Assert.Contains(samples, s => s.Name == "apiserver_storage_objects" && s.Has(("resource", "deployments.apps")) && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "apiserver_watch_events_total" && s.Has(("group", ""), ("version", "v1"), ("kind", "Pod")) && s.Value > 0);
        Assert.Contains(samples, s => s.Name == "etcd_request_duration_seconds_count" && s.Has(("operation", "create"), ("type", "deployments.apps")) && s.Value > 0);
        Assert.Contains(samples, s => s.Name == "workqueue_adds_total" && s.Has(("name", "deployment")) && s.Value > 0);
        // The scheduler bound the Deployment's pod and the hollow kubelet started it.
        Assert.Contains(samples, s => s.Name == "scheduler_schedule_attempts_total" && s.Has(("result", "scheduled"), ("profile", "default-scheduler")) && s.Value > 0);
        Assert.Contains(samples, s => s.Name == "scheduler_scheduling_attempt_duration_seconds_count" && s.Has(("result", "scheduled"), ("profile", "default-scheduler")) && s.Value > 0);
        Assert.Contains(samples, s => s.Name == "scheduler_pod_scheduling_attempts_count" && s.Value > 0);
        foreach (var queue in new[] { "active", "backoff", "unschedulable", "gated" })
        {
            Assert.Contains(samples, s => s.Name == "scheduler_pending_pods" && s.Has(("queue", queue)));
        }

        Assert.Contains(samples, s => s.Name == "kubelet_running_pods" && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "kubelet_running_containers" && s.Has(("container_state", "running")) && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "kubelet_pod_start_duration_seconds_count" && s.Value > 0);
        Assert.Contains(samples, s => s.Name == "kubelet_runtime_operations_total" && s.Has(("operation_type", "run_podsandbox")) && s.Value > 0);
        Assert.Contains(samples, s => s.Name == "kubelet_runtime_operations_duration_seconds_count" && s.Has(("operation_type", "start_container")) && s.Value > 0);

        foreach (var family in new[] { "workqueue_depth", "workqueue_queue_duration_seconds_count", "workqueue_work_duration_seconds_count", "workqueue_retries_total", "workqueue_unfinished_work_seconds", "workqueue_longest_running_processor_seconds" })
        {
            Assert.Contains(samples, s => s.Name == family && s.Has(("name", "deployment")));
        }
    }

    [Fact]
    public async Task Metrics_WithoutCredentials_AreRefused()
    {
        using var anonymous = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        }) { BaseAddress = _server.Address };
        using var response = await anonymous.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task AComponentAlone_ServesItsOwnMetrics_OnMetricsBindAddress()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        await using var scheduler = await ComponentProcess.StartAsync(
            "scheduler", "--kubeconfig", _server.Kubeconfig, "--scheduler-name", "metrics-test", "--leader-elect", "false", "--metrics-bind-address", $"127.0.0.1:{port}");
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });

        var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));

        var samples = PrometheusText.Parse(text);
        Assert.NotEmpty(samples);
        Assert.DoesNotContain(samples, s => s.Name.StartsWith("apiserver_", StringComparison.Ordinal));
    }

    private static async Task<KubectlResult> Ok(Kubectl kubectl, params string[] args)
    {
        var result = await kubectl.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', args)}: {result}");
        return result;
    }
}
