namespace Orchestrator.ApiServer.Registry.Rbac;

/// <summary>
/// Runs the <see cref="EscalationRules"/> for the current request: the strategies have no other way
/// to see the user than the request being served (IHttpContextAccessor). Writes the server makes
/// itself, outside any request (the bootstrap policy), and members of system:masters are exempt.
/// </summary>
internal static class EscalationCheck
{
    private static readonly HttpContextAccessor Accessor = new();

    /// <summary>A Role or ClusterRole (<paramref name="plural"/> roles or clusterroles) being created or changed.</summary>
    public static void Role(string plural, JsonObject role)
    {
        if (Requester() is { } requester)
        {
            EscalationRules.Role(requester.User, requester.Authorizer, requester.Policy, plural, role);
        }
    }

    /// <summary>A RoleBinding or ClusterRoleBinding (<paramref name="plural"/>) being created or changed.</summary>
    public static void Binding(string plural, JsonObject binding)
    {
        if (Requester() is { } requester)
        {
            EscalationRules.Binding(requester.User, requester.Authorizer, requester.Policy, plural, binding);
        }
    }

    private static (UserInfo User, IAuthorizer Authorizer, RbacPolicy Policy)? Requester()
    {
        if (Accessor.HttpContext is not { } context)
        {
            return null;
        }

        var user = RequestUser.Get(context);
        return RbacAuthorizer.IsPrivileged(user)
            ? null
            : (user, context.RequestServices.GetRequiredService<AuthorizerChain>(), context.RequestServices.GetRequiredService<RbacPolicySource>().Current);
    }
}
