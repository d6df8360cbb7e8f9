using System.Diagnostics;
using System.Text;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Operations;

/// <summary>`orchestrator up --hollow-nodes 1 --otlp-endpoint URL` exporting to a receiver in the test (OTLP/HTTP protobuf).</summary>
public sealed class TracingCluster : IAsyncLifetime
{
    /// <summary>The batch processor's export delay (OTEL_BSP_SCHEDULE_DELAY, ms): spans arrive within a second.</summary>
    public static readonly IReadOnlyDictionary<string, string> QuickExport = new Dictionary<string, string> { ["OTEL_BSP_SCHEDULE_DELAY"] = "200" };

    public OtlpReceiver Receiver { get; private set; } = null!;

    public OrchestratorProcess Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await OtlpReceiver.StartAsync();
        Server = await OrchestratorProcess.StartWithEnvironmentAsync(QuickExport, null, null, "--hollow-nodes", "1", "--otlp-endpoint", Receiver.Endpoint.ToString());
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (Receiver is not null)
        {
            await Receiver.DisposeAsync();
        }
    }
}

/// <summary>
/// Spans of API requests (server spans parented by the client's <c>traceparent</c>) with store children, and of the
/// work a Deployment causes: controller reconciles, the scheduler's cycles, the kubelet's pod syncs, each trace
/// holding the API requests it made.
/// </summary>
public sealed class TracingTests(TracingCluster cluster) : IClassFixture<TracingCluster>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_request_with_a_traceparent_is_a_server_span_of_that_trace_with_store_children()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var parentId = ActivitySpanId.CreateRandom().ToHexString();
        using var http = cluster.Server.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/namespaces/default/configmaps")
        {
            Content = new StringContent("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"traced"},"data":{"a":"b"}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{parentId}-01");
        using var response = await http.SendAsync(request);
        Assert.Equal(201, (int)response.StatusCode);

        var spans = await cluster.Receiver.WaitForAsync(
            s => s.Any(x => x.TraceId == traceId && x.Kind == OtlpSpan.Server) && s.Any(x => x.TraceId == traceId && x.Name == "Create store"),
            Timeout, "server span with a store child in trace " + traceId);
        var server = Assert.Single(spans, s => s.TraceId == traceId && s.Kind == OtlpSpan.Server);
        Assert.Equal(
            (parentId, "POST /api/v1/namespaces/{:namespace}/configmaps", "create", "", "v1", "configmaps", "default", "201", "orchestrator"),
            (server.ParentSpanId, server.Name, server.Attribute("k8s.request.verb"), server.Attribute("k8s.request.group"), server.Attribute("k8s.request.version"),
             server.Attribute("k8s.request.resource"), server.Attribute("k8s.namespace.name"), server.Attribute("http.response.status_code"), server.ServiceName));
        var create = Assert.Single(spans, s => s.TraceId == traceId && s.Name == "Create store");
        Assert.Equal((server.SpanId, "/registry/configmaps/default/traced", "configmaps"), (create.ParentSpanId, create.Attribute("key"), create.Attribute("type")));
        Assert.True(long.Parse(create.Attribute("revision")!, System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task A_deployment_gives_reconcile_scheduling_and_pod_sync_traces_holding_their_api_calls()
    {
        using var kubectl = new Kubectl("1.33", cluster.Server.Kubeconfig);
        var created = await kubectl.RunAsync("create", "deployment", "traced", "--image", "registry.example/web:1", "--replicas", "1");
        Assert.True(created.ExitCode == 0, created.ToString());

        static bool OfPod(OtlpSpan s) => s.Attribute("k8s.pod.name")?.StartsWith("traced-", StringComparison.Ordinal) == true;
        var spans = await cluster.Receiver.WaitForAsync(
            s => s.Any(x => x.Name == "Reconcile" && x.Attribute("controller") == "deployment" && x.Attribute("key") == "default/traced")
                && s.Any(x => x.Name == "schedulingCycle" && OfPod(x) && x.Attribute("result") == "scheduled")
                && s.Any(x => x.Name == "bindingCycle" && OfPod(x) && x.Attribute("result") == "bound")
                && s.Any(x => x.Name == "syncPod" && OfPod(x))
                && s.Any(x => x.Kind == OtlpSpan.Server && x.Name == "POST /apis/apps/v1/namespaces/{:namespace}/replicasets"),
            Timeout, "reconcile, scheduling and pod sync spans of the deployment");

        // The deployment controller's create of the ReplicaSet is a server span in the reconcile's trace.
        var reconcileTraces = spans.Where(s => s.Name == "Reconcile" && s.Attribute("controller") == "deployment").Select(s => s.TraceId).ToHashSet();
        Assert.Contains(spans, s => s.Kind == OtlpSpan.Server && s.Name == "POST /apis/apps/v1/namespaces/{:namespace}/replicasets" && reconcileTraces.Contains(s.TraceId));

        // The binding is a child of its scheduling cycle, and its POST pods/binding is in the same trace.
        var cycle = spans.First(s => s.Name == "schedulingCycle" && OfPod(s) && s.Attribute("result") == "scheduled");
        Assert.Equal("hollow-node-0", cycle.Attribute("k8s.node.name"));
        Assert.Contains(spans, s => s.Name == "bindingCycle" && s.ParentSpanId == cycle.SpanId);
        Assert.Contains(spans, s => s.Kind == OtlpSpan.Server && s.TraceId == cycle.TraceId && s.Name == "POST /api/v1/namespaces/{:namespace}/pods/{:name}/binding");

        // The kubelet's pod sync is a child of its pod worker's reconcile.
        var sync = spans.First(s => s.Name == "syncPod" && OfPod(s));
        var worker = Assert.Single(spans, s => s.SpanId == sync.ParentSpanId);
        Assert.Equal(("Reconcile", "kubelet", "hollow-node-0"), (worker.Name, worker.Attribute("controller"), sync.Attribute("k8s.node.name")));
    }
}

/// <summary>
/// `--otlp-protocol grpc --tracing-sampling-ratio 0`: only requests whose <c>traceparent</c> is sampled are traced
/// (upstream's default), exported over OTLP/gRPC.
/// </summary>
public sealed class TracingRatioZeroTests : IAsyncLifetime
{
    private OtlpReceiver _receiver = null!;
    private OrchestratorProcess _server = null!;

    public async Task InitializeAsync()
    {
        _receiver = await OtlpReceiver.StartAsync(grpc: true);
        _server = await OrchestratorProcess.StartWithEnvironmentAsync(
            TracingCluster.QuickExport, null, null, "--hollow-nodes", "1", "--otlp-endpoint", _receiver.Endpoint.ToString(), "--otlp-protocol", "grpc", "--tracing-sampling-ratio", "0");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Without_a_sampled_parent_nothing_is_traced_and_with_one_the_request_is()
    {
        using var http = _server.CreateHttpClient();
        using (var plain = await http.GetAsync(new Uri("/api/v1/namespaces/default/configmaps", UriKind.Relative)))
        {
            Assert.Equal(200, (int)plain.StatusCode);
        }

        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces/kube-system/configmaps");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using (var traced = await http.SendAsync(request))
        {
            Assert.Equal(200, (int)traced.StatusCode);
        }

        // The sampled request arrives; by then the batch that would hold anything else sent before it has arrived too.
        var spans = await _receiver.WaitForAsync(s => s.Any(x => x.TraceId == traceId), TimeSpan.FromSeconds(30), "the span of the sampled request");
        await Task.Delay(1000);
        spans = [.. _receiver.Spans];
        Assert.All(spans, s => Assert.Equal(traceId, s.TraceId));
        var server = Assert.Single(spans, s => s.Kind == OtlpSpan.Server);
        Assert.Equal(("GET /api/v1/namespaces/{:namespace}/configmaps", "list", "kube-system"), (server.Name, server.Attribute("k8s.request.verb"), server.Attribute("k8s.namespace.name")));
    }
}
