using System.Globalization;
using Orchestrator.Client.Tracing;

namespace Orchestrator.Host.Commands;

/// <summary>
/// The tracing flags of every command that runs components (up, scheduler, controller-manager, kubelet, proxy,
/// join): <c>--otlp-endpoint URL</c>, <c>--otlp-protocol http/protobuf|grpc</c>, <c>--tracing-sampling-ratio R</c>.
/// Tracing is off without an endpoint; the other two flags without one are a usage error, not silently ignored.
/// </summary>
internal static class TracingArguments
{
    public const string EndpointFlag = "otlp-endpoint";
    public const string ProtocolFlag = "otlp-protocol";
    public const string RatioFlag = "tracing-sampling-ratio";

    /// <summary>The options asked for, or null for tracing off. Read them before <see cref="Arguments.EnsureConsumed"/>.</summary>
    public static TracingOptions? From(Arguments arguments)
    {
        var endpointText = arguments.Option(EndpointFlag);
        var protocolText = arguments.Option(ProtocolFlag);
        var ratioText = arguments.Option(RatioFlag);
        if (endpointText is null)
        {
            return protocolText is null && ratioText is null
                ? null
                : throw new UsageException($"--{(protocolText is null ? RatioFlag : ProtocolFlag)} needs --{EndpointFlag} URL");
        }

        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https") || endpoint.Query.Length > 0)
        {
            throw new UsageException($"--{EndpointFlag} must be an http:// or https:// URL without a query, not \"{endpointText}\"");
        }

        var protocol = protocolText switch
        {
            null or "http/protobuf" => TracingProtocol.HttpProtobuf,
            "grpc" => TracingProtocol.Grpc,
            _ => throw new UsageException($"--{ProtocolFlag} must be http/protobuf or grpc, not \"{protocolText}\""),
        };
        var ratio = TracingOptions.DefaultSamplingRatio;
        if (ratioText is not null
            && (!double.TryParse(ratioText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out ratio) || ratio > 1))
        {
            throw new UsageException($"--{RatioFlag} must be a number from 0 to 1, not \"{ratioText}\"");
        }

        return new TracingOptions(endpoint, protocol, ratio);
    }
}
