namespace Orchestrator.ApiServer.Authorization.Rbac;

/// <summary>
/// One immutable view of every Role, ClusterRole, RoleBinding and ClusterRoleBinding, indexed for
/// decisions (<see cref="RbacPolicyBuilder"/> makes it): the cluster's grants, then those of the
/// request's namespace, as upstream's DefaultRuleResolver visits ClusterRoleBindings then the
/// namespace's RoleBindings. Thread-safe: never changed once built.
/// </summary>
internal sealed class RbacPolicy(
    SubjectGrants cluster,
    IReadOnlyDictionary<string, SubjectGrants> namespaces,
    IReadOnlyDictionary<string, IReadOnlyList<PolicyRule>> clusterRoles,
    IReadOnlyDictionary<(string Namespace, string Name), IReadOnlyList<PolicyRule>> roles)
{
    public static RbacPolicy Empty { get; } = new(
        new SubjectGrants(),
        new Dictionary<string, SubjectGrants>(),
        new Dictionary<string, IReadOnlyList<PolicyRule>>(),
        new Dictionary<(string, string), IReadOnlyList<PolicyRule>>());

    /// <summary>The rules of the role a roleRef names (kind Role in <paramref name="namespace"/>, or ClusterRole); null when it does not exist.</summary>
    public IReadOnlyList<PolicyRule>? RoleRules(string kind, string @namespace, string name) =>
        kind == "ClusterRole" ? clusterRoles.GetValueOrDefault(name) : roles.GetValueOrDefault((@namespace, name));

    /// <summary>
    /// Whether a binding grants the request; when not, upstream's reason: <c>RBAC: </c> and the
    /// missing roles of the bindings that applied (empty when there were none).
    /// </summary>
    public (bool Allowed, string Reason) Authorize(AuthorizationAttributes attributes)
    {
        List<string>? errors = null;
        if (cluster.Allows(attributes, ref errors))
        {
            return (true, "");
        }

        if (attributes.Namespace.Length > 0 && namespaces.TryGetValue(attributes.Namespace, out var scoped) && scoped.Allows(attributes, ref errors))
        {
            return (true, "");
        }

        return (false, errors is null ? "" : "RBAC: " + ApiMachinery.Text.GoText.Aggregate(errors));
    }

    /// <summary>
    /// Every rule that applies to <paramref name="user"/> in <paramref name="namespace"/> (the cluster's
    /// when empty), and the missing-role errors met on the way: upstream's RulesFor, used by
    /// SelfSubjectRulesReview and the escalation checks.
    /// </summary>
    public (List<PolicyRule> Rules, List<string> Errors) RulesFor(UserInfo user, string @namespace)
    {
        var rules = new List<PolicyRule>();
        var errors = new List<string>();
        var grants = cluster.For(user.Name, user.Groups);
        if (@namespace.Length > 0 && namespaces.TryGetValue(@namespace, out var scoped))
        {
            grants = grants.Concat(scoped.For(user.Name, user.Groups));
        }

        foreach (var grant in grants)
        {
            if (grant.Missing is { } missing)
            {
                errors.Add(missing);
            }
            else
            {
                rules.AddRange(grant.Rules);
            }
        }

        return (rules, errors);
    }
}
