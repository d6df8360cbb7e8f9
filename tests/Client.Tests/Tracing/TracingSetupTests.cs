using System.Diagnostics;
using Orchestrator.Client.Tracing;
using Orchestrator.Testing;

namespace Orchestrator.Client.Tests.Tracing;

/// <summary>The tracer provider exports by OTLP over either protocol to a real receiver, and is absent when tracing is off.</summary>
[Collection(TracingCollection.Name)]
public sealed class TracingSetupTests
{
    [Fact]
    public void Without_options_there_is_no_provider_and_sources_start_nothing()
    {
        using var provider = TracingSetup.Start(null, "test");

        Assert.Null(provider);
        Assert.Null(TracingSources.Controllers.StartActivity("Reconcile"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Spans_reach_the_collector_with_their_parent_service_and_attributes(bool grpc)
    {
        await using var receiver = await OtlpReceiver.StartAsync(grpc);
        var options = new TracingOptions(receiver.Endpoint, grpc ? TracingProtocol.Grpc : TracingProtocol.HttpProtobuf);
        string traceId, parentId;
        using (var provider = TracingSetup.Start(options, "kube-test"))
        {
            using (var parent = TracingSources.Controllers.StartActivity("Reconcile")!)
            {
                parent.SetTag("controller", "deployment");
                traceId = parent.TraceId.ToHexString();
                parentId = parent.SpanId.ToHexString();
                using var child = TracingSources.Kubelet.StartActivity("syncPod")!;
                child.SetTag("k8s.pod.name", "web-1");
            }
        }

        // Disposing the provider flushed the batch.
        var spans = await receiver.WaitForAsync(s => s.Count >= 2, TimeSpan.FromSeconds(10), "two spans");
        var reconcile = Assert.Single(spans, s => s.Name == "Reconcile");
        var sync = Assert.Single(spans, s => s.Name == "syncPod");
        Assert.Equal((traceId, parentId, "", "deployment", "kube-test"), (reconcile.TraceId, reconcile.SpanId, reconcile.ParentSpanId, reconcile.Attribute("controller"), reconcile.ServiceName));
        Assert.Equal((traceId, parentId, "web-1", TracingSources.KubeletName), (sync.TraceId, sync.ParentSpanId, sync.Attribute("k8s.pod.name"), sync.Scope));
        Assert.Equal(OtlpSpan.Internal, sync.Kind);
    }
}

/// <summary>Tests that start a tracer provider: its listener is process-wide, so they do not run beside each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TracingCollection
{
    public const string Name = "tracing";
}
