using Orchestrator.ApiServer.Admission.NamespaceLifecycle;
using Orchestrator.ApiServer.Admission.Webhooks;

namespace Orchestrator.ApiServer.Admission;

/// <summary>Registers the admission plugins this server runs, what they read, and the <see cref="AdmissionChain"/> that orders them.</summary>
internal static class AdmissionServiceCollectionExtensions
{
    /// <param name="serviceAccounts">
    /// Whether the ServiceAccount and NodeRestriction plugins run: on a secured server (a real cluster, whose controller manager
    /// creates the accounts and whose API server issues their tokens), not on the in-process test servers.
    /// </param>
    public static IServiceCollection AddAdmission(this IServiceCollection services, bool serviceAccounts = false)
    {
        services.TryAddSingleton<IObjectLookup, ObjectLookup>();
        services.TryAddSingleton<INamespaceLookup, NamespaceLookup>();
        services.TryAddSingleton<IDefaultClassLookup, DefaultClassLookup>();
        if (serviceAccounts)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IAdmissionPlugin, ServiceAccount.ServiceAccountAdmission>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IAdmissionPlugin, NodeRestriction.NodeRestriction>());
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAdmissionPlugin, NamespaceLifecycle.NamespaceLifecycle>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAdmissionPlugin, DefaultTolerationSeconds.DefaultTolerationSeconds>());
        services.AddHttpContextAccessor();
        services.TryAddSingleton<Certificates.SignerAuthorization>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAdmissionPlugin, Certificates.CertificateApproval>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAdmissionPlugin, Certificates.CertificateSigning>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAdmissionPlugin, Certificates.CertificateSubjectRestriction>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAdmissionPlugin, DefaultStorageClass.DefaultStorageClass>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAdmissionPlugin, StorageObjectInUseProtection.StorageObjectInUseProtection>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAdmissionPlugin, DefaultIngressClass.DefaultIngressClass>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAdmissionPlugin, RuntimeClass.RuntimeClassAdmission>());
        services.AddAdmissionWebhooks();
        services.TryAddSingleton(provider => AdmissionPlugins.Chain(provider.GetServices<IAdmissionPlugin>()));
        return services;
    }
}
