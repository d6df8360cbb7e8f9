namespace Orchestrator.ApiServer.Metrics.Prometheus;

/// <summary>
/// Counts and times every request once it is answered (<c>apiserver_request_total</c>,
/// <c>apiserver_request_duration_seconds</c>) and keeps <c>apiserver_current_inflight_requests</c>.
/// Runs outside the error middleware so the code counted is the one the client got, 401 and 403 included.
/// </summary>
internal sealed class RequestMetricsMiddleware(RequestDelegate next)
{
    private static readonly Gauge.Child ReadOnly = ApiServerMetrics.InflightRequests.WithLabels("readOnly");
    private static readonly Gauge.Child Mutating = ApiServerMetrics.InflightRequests.WithLabels("mutating");

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var labels = Labels(context);
        var inflight = labels.LongRunning ? null : labels.ReadOnly ? ReadOnly : Mutating;
        inflight?.Inc();
        try
        {
            await next(context);
        }
        finally
        {
            inflight?.Dec();
            RequestSeries.Observe(labels, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <summary>
    /// The request's labels; a request the API will refuse as malformed (a query parameter such as <c>watch=maybe</c>
    /// fails to parse here first) is counted by its method under the path <c>other</c>, and the pipeline inside answers
    /// it with its 400 as without metrics.
    /// </summary>
    private static RequestLabels Labels(HttpContext context)
    {
        var request = context.Request;
        try
        {
            return RequestLabels.From(RequestAttributes.From(context, UserInfo.AnonymousUser), request.Method, request.ContentType, request.Query["dryRun"].ToString());
        }
        catch (Exception e) when (e is Errors.ApiException or FormatException or ArgumentException or InvalidOperationException)
        {
            return RequestLabels.Unparsed(request.Method);
        }
    }
}
