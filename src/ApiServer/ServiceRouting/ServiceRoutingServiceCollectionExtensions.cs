namespace Orchestrator.ApiServer.ServiceRouting;

/// <summary>Registers <see cref="ServiceResolver"/> and <see cref="BackendClients"/> once, for every part of the server that calls backends.</summary>
internal static class ServiceRoutingServiceCollectionExtensions
{
    public static IServiceCollection AddServiceRouting(this IServiceCollection services)
    {
        services.TryAddSingleton(provider => new ServiceResolver(
            provider.GetRequiredService<WatchCacheSet>(), provider.GetRequiredService<ResourceRegistry>(), Random.Shared));
        services.TryAddSingleton<BackendClients>();
        return services;
    }
}
