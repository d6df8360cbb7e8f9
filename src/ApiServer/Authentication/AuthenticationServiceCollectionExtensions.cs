using Orchestrator.ApiServer.Authentication.BootstrapTokens;
using Orchestrator.ApiServer.Authentication.ServiceAccounts;
using Orchestrator.ApiServer.Registry.Authentication;

namespace Orchestrator.ApiServer.Authentication;

/// <summary>
/// Registers the authentication.k8s.io review handlers and, with <see cref="ApiServerSecurity"/>,
/// the authenticators: client certificates, then the token union (service-account JWTs, bootstrap
/// tokens) behind upstream's token cache, then anonymous when allowed.
/// </summary>
internal static class AuthenticationServiceCollectionExtensions
{
    public static IServiceCollection AddAuthentication(this IServiceCollection services, ApiServerSecurity? security)
    {
        services.AddSingleton<CredentialObjects>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReviewHandler, TokenReviewHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReviewHandler, SelfSubjectReviewHandler>());
        if (security is null)
        {
            return services;
        }

        services.AddSingleton(new ServiceAccountTokenKeys(security.ServiceAccountSigningKey, security.ServiceAccountIssuer, security.ApiAudiences));
        services.AddSingleton(provider => new ClientCertificateAuthenticator(security.ClientCertificateAuthority, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ServiceAccountTokenAuthenticator>();
        services.AddSingleton<ServiceAccountTokenIssuer>();
        services.AddSingleton(provider => new BootstrapTokenAuthenticator(
            provider.GetRequiredService<CredentialObjects>(), provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ServiceAccountTokenKeys>().ApiAudiences));
        services.AddSingleton(provider => new RequestAuthenticator(
            provider.GetRequiredService<ClientCertificateAuthenticator>(),
            new CachedTokenAuthenticator(
                new AuthenticatedGroupAdder(new TokenAuthenticatorUnion([provider.GetRequiredService<ServiceAccountTokenAuthenticator>(), provider.GetRequiredService<BootstrapTokenAuthenticator>()])),
                provider.GetRequiredService<TimeProvider>()),
            provider.GetRequiredService<ServiceAccountTokenKeys>().ApiAudiences,
            security.AllowAnonymous));
        return services;
    }
}
