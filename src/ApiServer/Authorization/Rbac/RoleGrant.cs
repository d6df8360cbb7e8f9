namespace Orchestrator.ApiServer.Authorization.Rbac;

/// <summary>
/// What one binding gives its subjects: the rules of the role it refers to, or, when that role does
/// not exist, the error upstream reports (<c>clusterrole.rbac.authorization.k8s.io "x" not found</c>).
/// </summary>
internal sealed record RoleGrant(IReadOnlyList<PolicyRule> Rules, string? Missing)
{
    public bool Allows(AuthorizationAttributes attributes)
    {
        var rules = Rules;
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i].Allows(attributes))
            {
                return true;
            }
        }

        return false;
    }
}
