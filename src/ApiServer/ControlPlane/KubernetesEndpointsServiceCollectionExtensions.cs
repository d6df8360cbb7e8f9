namespace Orchestrator.ApiServer.ControlPlane;

internal static class KubernetesEndpointsServiceCollectionExtensions
{
    /// <summary>The kubernetes Service's endpoint reconciler, as a singleton (activated by the host once the port is bound) and a hosted service.</summary>
    public static IServiceCollection AddKubernetesEndpoints(this IServiceCollection services, ApiServerOptions options)
    {
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<KubernetesEndpointsReconciler>(provider, options));
        services.AddHostedService(provider => provider.GetRequiredService<KubernetesEndpointsReconciler>());
        return services;
    }
}
