namespace Orchestrator.ApiServer.Metrics.Prometheus;

/// <summary>
/// The <c>apiserver_request_total</c> and <c>apiserver_request_duration_seconds</c> children of one label set and code,
/// looked up once per distinct request shape: prometheus-net's <c>WithLabels</c> builds a label array and a label
/// sequence, hashes every name and value and takes a lock on each call, twice per request. Series are few (verb ×
/// resource × code), so the pairs are kept; the bound keeps requests for made-up resources from growing the cache
/// without end (past it, a request looks its children up as before).
/// </summary>
internal static class RequestSeries
{
    private const int MaxCached = 4096;

    // The code label of every status code, made once: a request should not allocate a string for it.
    private static readonly string[] Codes = Enumerable.Range(0, 600).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();

    private static readonly ConcurrentDictionary<(RequestLabels Labels, int Code), (Counter.Child Total, Histogram.Child Duration)> Cache = new();

    /// <summary>Counts one answered request and observes its duration in <paramref name="seconds"/>.</summary>
    public static void Observe(in RequestLabels labels, int code, double seconds)
    {
        if (!Cache.TryGetValue((labels, code), out var series))
        {
            series = Lookup(labels, CodeText(code));
            if (Cache.Count < MaxCached)
            {
                Cache.TryAdd((labels, code), series);
            }
        }

        series.Total.Inc();
        series.Duration.Observe(seconds);
    }

    private static string CodeText(int code) => (uint)code < Codes.Length ? Codes[code] : code.ToString(CultureInfo.InvariantCulture);

    private static (Counter.Child, Histogram.Child) Lookup(in RequestLabels labels, string codeText) =>
        (ApiServerMetrics.Requests.WithLabels(
            labels.Verb, labels.DryRun, labels.Group, labels.Version, labels.Resource, labels.Subresource, labels.Scope, RequestLabels.Component, codeText),
         ApiServerMetrics.RequestDuration.WithLabels(
            labels.Verb, labels.DryRun, labels.Group, labels.Version, labels.Resource, labels.Subresource, labels.Scope, RequestLabels.Component));
}
