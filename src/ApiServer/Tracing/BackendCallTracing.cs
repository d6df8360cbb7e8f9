using Orchestrator.Client.Tracing;

namespace Orchestrator.ApiServer.Tracing;

/// <summary>
/// Spans of the API server's calls to other servers: <c>Call mutating webhook</c> / <c>Call validating webhook</c>
/// (kube-apiserver's names and attributes: configuration, webhook, resource, subresource, operation, UID; the
/// HTTP client span of the POST is its child and sends <c>traceparent</c> on), and <c>Proxy aggregated API</c>, a
/// client span around a request relayed to an aggregated API server, whose context replaces the client's
/// <c>traceparent</c>/<c>tracestate</c> on the relayed request. Null with tracing off.
/// </summary>
internal static class BackendCallTracing
{
    public static Activity? StartWebhook(string configuration, string webhook, bool mutating, JsonObject review)
    {
        if (Activity.Current is not { Recorded: true })
        {
            return null; // only inside a traced request
        }

        var span = TracingSources.ApiServer.StartActivity(mutating ? "Call mutating webhook" : "Call validating webhook", ActivityKind.Internal);
        if (span is { IsAllDataRequested: true })
        {
            var request = review["request"] as JsonObject;
            span.SetTag("configuration", configuration);
            span.SetTag("webhook", webhook);
            span.SetTag("resource", Text(request?["resource"]?["resource"]));
            span.SetTag("subresource", Text(request?["subResource"]));
            span.SetTag("operation", Text(request?["operation"]));
            span.SetTag("UID", Text(request?["uid"]));
        }

        return span;
    }

    public static Activity? StartAggregatedProxy(string apiService, Uri backend, string method)
    {
        var span = TracingSources.ApiServer.StartActivity("Proxy aggregated API", ActivityKind.Client);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("apiservice", apiService);
            span.SetTag("http.request.method", method);
            span.SetTag("server.address", backend.Host);
            span.SetTag("server.port", backend.Port);
        }

        return span;
    }

    /// <summary>The relayed request's headers with the span's W3C context in place of the client's (unchanged without a span).</summary>
    public static List<KeyValuePair<string, string>> Propagate(List<KeyValuePair<string, string>> headers, Activity? span)
    {
        if (span is null || span.Source != TracingSources.ApiServer || span.IdFormat != ActivityIdFormat.W3C)
        {
            return headers;
        }

        headers.RemoveAll(h => h.Key.Equals("traceparent", StringComparison.OrdinalIgnoreCase) || h.Key.Equals("tracestate", StringComparison.OrdinalIgnoreCase));
        headers.Add(KeyValuePair.Create("traceparent", span.Id!));
        if (!string.IsNullOrEmpty(span.TraceStateString))
        {
            headers.Add(KeyValuePair.Create("tracestate", span.TraceStateString));
        }

        return headers;
    }

    public static void Failed(Activity? span, Exception e) => span?.SetStatus(ActivityStatusCode.Error, e.Message);

    private static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
}
