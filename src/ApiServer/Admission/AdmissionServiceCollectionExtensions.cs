using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestrator.ApiServer.Admission.NamespaceLifecycle;

namespace Orchestrator.ApiServer.Admission;

/// <summary>Registers the admission plugins this server runs, what they read, and the <see cref="AdmissionChain"/> that orders them.</summary>
internal static class AdmissionServiceCollectionExtensions
{
    public static IServiceCollection AddAdmission(this IServiceCollection services)
    {
        services.TryAddSingleton<INamespaceLookup, NamespaceLookup>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAdmissionPlugin, NamespaceLifecycle.NamespaceLifecycle>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAdmissionPlugin, DefaultTolerationSeconds.DefaultTolerationSeconds>());
        services.TryAddSingleton(provider => AdmissionPlugins.Chain(provider.GetServices<IAdmissionPlugin>()));
        return services;
    }
}
