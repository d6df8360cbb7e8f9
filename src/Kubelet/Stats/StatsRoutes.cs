using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Orchestrator.Kubelet.Stats;

/// <summary>The stats endpoints on the kubelet server, when the kubelet has stats (<c>--stats</c>, a real node).</summary>
internal static class StatsRoutes
{
    public static void AddStats(this IServiceCollection services, IStatsProvider stats, ILoggerFactory loggers)
    {
        services.AddSingleton(stats);
        services.AddSingleton(_ => new StatsEndpoints(stats, loggers.CreateLogger<StatsEndpoints>()));
    }

    public static void MapStats(this WebApplication app)
    {
        app.MapGet("/stats/summary", (HttpContext context, StatsEndpoints stats) => stats.SummaryAsync(context));
        app.MapGet("/metrics/resource", (HttpContext context, StatsEndpoints stats) => stats.ResourceMetricsAsync(context));
        app.MapGet("/metrics/cadvisor", (HttpContext context, StatsEndpoints stats) => stats.CadvisorMetricsAsync(context));
    }
}
