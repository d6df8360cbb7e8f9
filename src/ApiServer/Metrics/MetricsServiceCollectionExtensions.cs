using Orchestrator.ApiServer.Metrics.Scraping;
using Orchestrator.ApiServer.Metrics.Serving;

namespace Orchestrator.ApiServer.Metrics;

/// <summary>The resource metrics pipeline (metrics-server inside the API server): the kubelet scraper, its storage and the metrics.k8s.io handlers.</summary>
internal static class MetricsServiceCollectionExtensions
{
    public static IServiceCollection AddResourceMetrics(this IServiceCollection services, TimeSpan resolution)
    {
        if (resolution <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "the metric resolution must be positive");
        }

        services.AddSingleton(new MetricsOptions(resolution));
        services.AddSingleton<MetricsStorage>();
        services.AddSingleton<KubeletMetricsClient>();
        services.AddHostedService<MetricsScraper>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadOnlyResourceHandler, NodeMetricsHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadOnlyResourceHandler, PodMetricsHandler>());
        return services;
    }
}
