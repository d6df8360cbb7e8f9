using Microsoft.Extensions.DependencyInjection;
using Orchestrator.ApiServer.Hosting;

namespace Orchestrator.ApiServer.Authorization;

/// <summary>Registers the <see cref="AuthorizerChain"/> of the configured modes (none without security: nothing is checked).</summary>
internal static class AuthorizationServiceCollectionExtensions
{
    public static IServiceCollection AddAuthorizers(this IServiceCollection services, ApiServerSecurity? security)
    {
        services.AddSingleton(provider => new AuthorizerChain(
            security is null ? [AlwaysAllowAuthorizer.Instance] : security.AuthorizationModes.Select(mode => Create(provider, mode)).ToArray()));
        return services;
    }

    private static IAuthorizer Create(IServiceProvider provider, string mode) => mode switch
    {
        "AlwaysAllow" => AlwaysAllowAuthorizer.Instance,
        _ => throw new ArgumentException($"unsupported authorization mode \"{mode}\" (supported: AlwaysAllow)", nameof(mode)),
    };
}
