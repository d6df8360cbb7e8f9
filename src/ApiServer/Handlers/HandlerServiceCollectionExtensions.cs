using Orchestrator.ApiServer.Handlers.Subresources;

namespace Orchestrator.ApiServer.Handlers;

/// <summary>Registers the REST handler, the subresource handlers (indexed by name) and what they share.</summary>
internal static class HandlerServiceCollectionExtensions
{
    public static IServiceCollection AddResourceHandlers(this IServiceCollection services)
    {
        services.AddSingleton<ObjectCreator>();
        services.AddSingleton<ObjectUpdater>();
        services.AddSingleton<ObjectDeleter>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISubresourceHandler, ScaleHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISubresourceHandler, BindingHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISubresourceHandler, EvictionHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISubresourceHandler, FinalizeHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISubresourceHandler, Registry.Certificates.CsrApprovalHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISubresourceHandler, TokenRequestHandler>());
        services.AddSingleton<ResourceHandler>();
        return services;
    }
}
