namespace Orchestrator.Client.Tracing;

/// <summary>
/// Where and how much a component traces: spans go by OTLP to <see cref="Endpoint"/>. A root span is kept with
/// probability <see cref="SamplingRatio"/>; a span whose parent came sampled (an incoming <c>traceparent</c>) is
/// kept whatever the ratio, as upstream's ParentBased(TraceIDRatioBased) sampler does.
/// </summary>
public sealed record TracingOptions
{
    /// <summary>The default ratio when an endpoint is given: every trace (upstream's samplingRatePerMillion defaults to 0, only parent-sampled ones).</summary>
    public const double DefaultSamplingRatio = 1.0;

    public TracingOptions(Uri endpoint, TracingProtocol protocol = TracingProtocol.HttpProtobuf, double samplingRatio = DefaultSamplingRatio)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"the OTLP endpoint must be an http:// or https:// URL, not \"{endpoint}\"", nameof(endpoint));
        }

        if (double.IsNaN(samplingRatio) || samplingRatio is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(samplingRatio), samplingRatio, "the sampling ratio must be from 0 to 1");
        }

        Endpoint = endpoint;
        Protocol = protocol;
        SamplingRatio = samplingRatio;
    }

    /// <summary>The collector's base URL, e.g. <c>http://127.0.0.1:4318</c> (http/protobuf) or <c>http://127.0.0.1:4317</c> (grpc).</summary>
    public Uri Endpoint { get; }

    public TracingProtocol Protocol { get; }

    /// <summary>From 0 (only parent-sampled traces) to 1 (every trace).</summary>
    public double SamplingRatio { get; }

    /// <summary>Where the exporter sends: <c>ENDPOINT/v1/traces</c> for http/protobuf (the spec's signal path), ENDPOINT itself for grpc.</summary>
    public Uri ExportUrl => Protocol == TracingProtocol.Grpc
        ? Endpoint
        : new Uri(Endpoint.AbsoluteUri.TrimEnd('/') + "/v1/traces");
}
