namespace Orchestrator.Client.Tracing;

/// <summary>How spans reach the collector (OTLP).</summary>
public enum TracingProtocol
{
    /// <summary><c>http/protobuf</c>: POST to <c>ENDPOINT/v1/traces</c> (the default, as the OTLP spec's).</summary>
    HttpProtobuf,

    /// <summary><c>grpc</c>: the collector's TraceService/Export at ENDPOINT.</summary>
    Grpc,
}
