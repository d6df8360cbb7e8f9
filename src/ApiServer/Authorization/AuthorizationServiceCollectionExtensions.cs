using Orchestrator.ApiServer.Registry.Authorization;
using Orchestrator.ApiServer.Authorization.Node;

namespace Orchestrator.ApiServer.Authorization;

/// <summary>Registers the <see cref="AuthorizerChain"/> of the configured modes (none without security: nothing is checked).</summary>
internal static class AuthorizationServiceCollectionExtensions
{
    public static IServiceCollection AddAuthorizers(this IServiceCollection services, ApiServerSecurity? security)
    {
        // The RBAC strategies' escalation checks read the request's user from the current request.
        services.AddHttpContextAccessor();
        services.AddSingleton<RbacPolicySource>();
        services.AddSingleton(provider => new Bootstrap.PolicyReconciler(
            provider.GetRequiredService<Store.IStore>(), provider.GetRequiredService<Registry.ResourceRegistry>(), provider.GetRequiredService<Registry.RegistryRules>(), UsesNode(security)));
        services.AddSingleton<NodeGraphSource>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReviewHandler, SubjectAccessReviewHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReviewHandler, LocalSubjectAccessReviewHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReviewHandler, SelfSubjectAccessReviewHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReviewHandler, SelfSubjectRulesReviewHandler>());
        services.AddSingleton(provider => new RbacAuthorizer(() => provider.GetRequiredService<RbacPolicySource>().Current));
        services.AddSingleton(provider => new NodeAuthorizer(provider.GetRequiredService<NodeGraphSource>().Graph, [.. Bootstrap.BootstrapSystemRoles.NodeRules()]));
        services.AddSingleton(provider => new AuthorizerChain(
            security is null ? [AlwaysAllowAuthorizer.Instance] : security.AuthorizationModes.Select(mode => Create(provider, mode)).ToArray()));
        return services;
    }

    /// <summary>Whether the server authorizes with RBAC, and so reconciles the bootstrap policy at start.</summary>
    public static bool UsesRbac(ApiServerSecurity? security) => security?.AuthorizationModes.Contains("RBAC") == true;

    /// <summary>Whether the server runs the Node authorizer (then system:node is bound to no one).</summary>
    public static bool UsesNode(ApiServerSecurity? security) => security?.AuthorizationModes.Contains("Node") == true;

    private static IAuthorizer Create(IServiceProvider provider, string mode) => mode switch
    {
        "AlwaysAllow" => AlwaysAllowAuthorizer.Instance,
        "RBAC" => provider.GetRequiredService<RbacAuthorizer>(),
        "Node" => provider.GetRequiredService<NodeAuthorizer>(),
        _ => throw new ArgumentException($"unsupported authorization mode \"{mode}\" (supported: AlwaysAllow, Node, RBAC)", nameof(mode)),
    };
}
