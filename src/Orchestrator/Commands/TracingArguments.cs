using Orchestrator.Client.Tracing;

namespace Orchestrator.Host.Commands;

/// <summary>
/// The tracing flags of every command that runs components (up, scheduler, controller-manager, kubelet, proxy,
/// join): <c>--otlp-endpoint URL</c>, <c>--otlp-protocol http/protobuf|grpc</c>, <c>--tracing-sampling-ratio R</c>.
/// Each value is checked as the command line is parsed; tracing is off without an endpoint, and the other two flags
/// without one are a usage error, not silently ignored.
/// </summary>
internal static class TracingArguments
{
    public const string EndpointFlag = "otlp-endpoint";
    public const string ProtocolFlag = "otlp-protocol";
    public const string RatioFlag = "tracing-sampling-ratio";

    private const string HttpProtobuf = "http/protobuf";
    private const string Grpc = "grpc";

    public static Option<Uri?> Endpoint() =>
        OptionSpec.Parsed<Uri?>(EndpointFlag, "URL", "OpenTelemetry traces by OTLP to URL (off by default)", text =>
            Uri.TryCreate(text, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "http" or "https" && endpoint.Query.Length == 0
                ? endpoint
                : throw new UsageException($"--{EndpointFlag} must be an http:// or https:// URL without a query, not \"{text}\""));

    public static Option<string> Protocol() =>
        OptionSpec.Choice(ProtocolFlag, "http/protobuf|grpc", "OTLP transport (default http/protobuf: POST URL/v1/traces)", HttpProtobuf, Grpc);

    public static Option<double?> Ratio() =>
        OptionSpec.Parsed<double?>(RatioFlag, "R", "0..1 of new traces kept (default 1 with an endpoint; 0: only requests whose traceparent is sampled)", text =>
            double.TryParse(text, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var ratio) && ratio <= 1
                ? ratio
                : throw new UsageException($"--{RatioFlag} must be a number from 0 to 1, not \"{text}\""));

    /// <summary>The options asked for, or null for tracing off.</summary>
    public static TracingOptions? From(ParseResult parsed)
    {
        var endpoint = parsed.Value<Uri>(EndpointFlag);
        var protocol = parsed.Value<string>(ProtocolFlag);
        var ratio = parsed.Value<double?>(RatioFlag);
        if (endpoint is null)
        {
            return protocol is null && ratio is null
                ? null
                : throw new UsageException($"--{(protocol is null ? RatioFlag : ProtocolFlag)} needs --{EndpointFlag} URL");
        }

        return new TracingOptions(endpoint, protocol == Grpc ? TracingProtocol.Grpc : TracingProtocol.HttpProtobuf, ratio ?? TracingOptions.DefaultSamplingRatio);
    }
}
