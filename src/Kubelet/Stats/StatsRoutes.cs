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
        // RequestDelegates (no RequestDelegateFactory: see KubeletServer.MapRoutes).
        app.MapGet("/stats/summary", context => Endpoints(context).SummaryAsync(context));
        app.MapGet("/metrics/resource", context => Endpoints(context).ResourceMetricsAsync(context));
        app.MapGet("/metrics/cadvisor", context => Endpoints(context).CadvisorMetricsAsync(context));
    }

    private static StatsEndpoints Endpoints(HttpContext context) => context.RequestServices.GetRequiredService<StatsEndpoints>();
}
