using System.Diagnostics;
using OpenTelemetry.Trace;
using Orchestrator.Client.Tracing;

namespace Orchestrator.Client.Tests.Tracing;

/// <summary>ParentBased(TraceIdRatioBased) with outgoing requests outside a span never starting a trace.</summary>
public sealed class ComponentSamplerTests
{
    private static readonly ActivityContext SampledParent = new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
    private static readonly ActivityContext UnsampledParent = new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None, isRemote: true);

    private static SamplingDecision Decide(double ratio, ActivityContext parent, string name = "Reconcile", ActivityKind kind = ActivityKind.Internal) =>
        new ComponentSampler(ratio).ShouldSample(new SamplingParameters(parent, ActivityTraceId.CreateRandom(), name, kind)).Decision;

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void A_sampled_parent_is_honoured_whatever_the_ratio(double ratio)
    {
        Assert.Equal(SamplingDecision.RecordAndSample, Decide(ratio, SampledParent, "Microsoft.AspNetCore.Hosting.HttpRequestIn", ActivityKind.Server));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void An_unsampled_parent_is_honoured_whatever_the_ratio(double ratio)
    {
        Assert.Equal(SamplingDecision.Drop, Decide(ratio, UnsampledParent));
    }

    [Fact]
    public void A_root_is_kept_at_ratio_one_and_dropped_at_ratio_zero()
    {
        Assert.Equal(SamplingDecision.RecordAndSample, Decide(1.0, default));
        Assert.Equal(SamplingDecision.Drop, Decide(0.0, default));
    }

    [Fact]
    public void A_root_is_kept_by_trace_id_at_a_ratio_between()
    {
        var kept = Enumerable.Range(0, 2000).Count(_ => Decide(0.25, default) == SamplingDecision.RecordAndSample);

        Assert.InRange(kept, 350, 650);
    }

    [Fact]
    public void An_outgoing_request_outside_a_span_starts_no_trace_but_one_inside_a_sampled_span_is_kept()
    {
        Assert.Equal(SamplingDecision.Drop, Decide(1.0, default, TracingSources.HttpClientActivityName, ActivityKind.Client));
        Assert.Equal(SamplingDecision.RecordAndSample, Decide(1.0, SampledParent, TracingSources.HttpClientActivityName, ActivityKind.Client));
    }
}
