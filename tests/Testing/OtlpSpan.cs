namespace Orchestrator.Testing;

/// <summary>One span as an OTLP exporter sent it: ids in lower-case hex (parent empty for a root), kind as OTLP numbers it (1 internal, 2 server, 3 client).</summary>
public sealed record OtlpSpan(
    string ServiceName, string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, IReadOnlyDictionary<string, object?> Attributes, int StatusCode)
{
    public const int Internal = 1;
    public const int Server = 2;
    public const int Client = 3;

    public string? Attribute(string key) => Attributes.TryGetValue(key, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null;
}
