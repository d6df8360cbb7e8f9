using System.Diagnostics;
using Orchestrator.ApiServer.Tracing;
using Orchestrator.Client.Tracing;

namespace Orchestrator.ApiServer.Tests.Tracing;

/// <summary>The relayed request to an aggregated API server carries the proxy span's context, not the client's.</summary>
public sealed class BackendCallTracingTests
{
    private static List<KeyValuePair<string, string>> ClientHeaders() =>
    [
        KeyValuePair.Create("Accept", "application/json"),
        KeyValuePair.Create("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
        KeyValuePair.Create("tracestate", "client=1"),
    ];

    [Fact]
    public void Without_a_span_the_clients_trace_headers_pass_unchanged()
    {
        var headers = BackendCallTracing.Propagate(ClientHeaders(), null);

        Assert.Equal(ClientHeaders(), headers);
    }

    [Fact]
    public void A_span_of_another_source_changes_nothing()
    {
        using var other = new Activity("hosting").SetIdFormat(ActivityIdFormat.W3C).Start();

        Assert.Equal(ClientHeaders(), BackendCallTracing.Propagate(ClientHeaders(), other));
    }

    [Fact]
    public void The_proxy_span_replaces_traceparent_and_tracestate()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TracingSources.ApiServerName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var parent = ActivityContext.Parse("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "ours=2");
        using var span = TracingSources.ApiServer.StartActivity("Proxy aggregated API", ActivityKind.Client, parent)!;

        var headers = BackendCallTracing.Propagate(ClientHeaders(), span);

        Assert.Equal(
            [KeyValuePair.Create("Accept", "application/json"), KeyValuePair.Create("traceparent", $"00-0af7651916cd43dd8448eb211c80319c-{span.SpanId.ToHexString()}-01"), KeyValuePair.Create("tracestate", "ours=2")],
            headers);
    }
}
