using OpenTelemetry.Trace;

namespace Orchestrator.Client.Tracing;

/// <summary>
/// ParentBased(TraceIdRatioBased(ratio)), with one rule of ours before it: an outgoing HTTP request that is not
/// inside a span (an informer's list or watch, a lease renewal) starts no trace, so the background traffic of
/// every component does not bury the traces of the work it does. Such a request still sends a not-sampled
/// <c>traceparent</c>, so the API server does not trace it either.
/// </summary>
internal sealed class ComponentSampler(double ratio) : Sampler
{
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);

    private readonly Sampler _inner = new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio));

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        if (samplingParameters.ParentContext.TraceId == default
            && string.Equals(samplingParameters.Name, TracingSources.HttpClientActivityName, StringComparison.Ordinal))
        {
            return Drop;
        }

        return _inner.ShouldSample(samplingParameters);
    }
}
