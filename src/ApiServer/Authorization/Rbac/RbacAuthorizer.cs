namespace Orchestrator.ApiServer.Authorization.Rbac;

/// <summary>
/// Upstream's RBAC authorizer (plugin/pkg/auth/authorizer/rbac/rbac.go): Allow when a rule of a role
/// bound to the user, one of its groups or its service account matches the request, else no opinion
/// with the missing roles as the reason. Members of system:masters are allowed everything without
/// looking at the policy (upstream's privileged-group authorizer in front of the chain's RBAC).
/// The policy comes from <paramref name="policy"/> on each decision (the server's <see cref="RbacPolicySource.Current"/>).
/// </summary>
internal sealed class RbacAuthorizer(Func<RbacPolicy> policy) : IAuthorizer, IRuleResolver
{
    public (AuthorizationDecision Decision, string Reason) Authorize(AuthorizationAttributes attributes)
    {
        if (IsPrivileged(attributes.User))
        {
            return (AuthorizationDecision.Allow, "");
        }

        var (allowed, reason) = policy().Authorize(attributes);
        return allowed ? (AuthorizationDecision.Allow, "") : (AuthorizationDecision.NoOpinion, reason);
    }

    public (IReadOnlyList<PolicyRule> Rules, IReadOnlyList<string> Errors) RulesFor(UserInfo user, string @namespace) =>
        policy().RulesFor(user, @namespace);

    public static bool IsPrivileged(UserInfo user)
    {
        var groups = user.Groups;
        for (var i = 0; i < groups.Count; i++)
        {
            if (groups[i] == UserInfo.SystemPrivilegedGroup)
            {
                return true;
            }
        }

        return false;
    }
}
