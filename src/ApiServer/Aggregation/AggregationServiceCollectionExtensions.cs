using Orchestrator.ApiServer.Aggregation.Availability;
using Orchestrator.ApiServer.Aggregation.Discovery;
using Orchestrator.ApiServer.Discovery;

namespace Orchestrator.ApiServer.Aggregation;

/// <summary>The aggregator: APIService index, proxy, availability controller, aggregated discovery, and what it writes at start.</summary>
internal static class AggregationServiceCollectionExtensions
{
    public static IServiceCollection AddAggregation(this IServiceCollection services, ApiServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddServiceRouting();
        services.AddSingleton(new FrontProxyIdentity(options.Security?.FrontProxyClientCertificate));
        services.AddSingleton<ApiServiceIndex>();
        services.AddSingleton<AggregatedBackends>();
        services.AddSingleton<AggregatedProxy>();
        services.AddSingleton<DiscoveryProbe>();
        services.AddSingleton<AvailabilityController>();
        services.AddHostedService(provider => provider.GetRequiredService<AvailabilityController>());
        services.AddSingleton<AggregatedDiscovery>();
        services.AddSingleton<IDiscoveryGroupSource>(provider => provider.GetRequiredService<AggregatedDiscovery>());
        services.AddHostedService(provider => provider.GetRequiredService<AggregatedDiscovery>());
        services.AddSingleton<LocalApiServices>();
        services.AddSingleton<ExtensionApiServerAuthentication>();
        return services;
    }

    /// <summary>At start, after the bootstrap namespaces exist: the local APIServices and the front proxy's ConfigMap.</summary>
    public static async Task StartAggregationAsync(this IServiceProvider services, ApiServerSecurity? security, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<LocalApiServices>().EnsureAsync(cancellationToken);
        await services.GetRequiredService<ExtensionApiServerAuthentication>().EnsureAsync(security, cancellationToken);
    }
}
