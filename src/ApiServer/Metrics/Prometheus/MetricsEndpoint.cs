using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Orchestrator.ApiServer.Metrics.Prometheus;

/// <summary>
/// <c>GET /metrics</c>: prometheus-net's default registry in the text exposition format. A non-resource
/// URL, so a secured server asks the authorizers as for any path (system:monitoring grants it;
/// anonymous gets 403, a bad credential 401).
/// </summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static void MapPrometheusMetrics(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, async (HttpContext context) =>
        {
            context.Response.ContentType = PrometheusConstants.TextContentTypeWithVersionAndEncoding;
            await global::Prometheus.Metrics.DefaultRegistry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
        });
}
