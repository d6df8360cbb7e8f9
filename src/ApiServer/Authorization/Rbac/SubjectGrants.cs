namespace Orchestrator.ApiServer.Authorization.Rbac;

/// <summary>
/// The grants of one scope (the cluster, or one namespace) indexed by subject: by user name
/// (User subjects, and ServiceAccount subjects as their <c>system:serviceaccount:ns:name</c> user)
/// and by group name, so a decision looks up the user and each of its groups instead of scanning bindings.
/// </summary>
internal sealed class SubjectGrants
{
    private readonly Dictionary<string, List<RoleGrant>> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<RoleGrant>> _groups = new(StringComparer.Ordinal);

    public void AddUser(string name, RoleGrant grant) => Add(_users, name, grant);

    public void AddGroup(string name, RoleGrant grant) => Add(_groups, name, grant);

    /// <summary>Every grant that applies to a user of <paramref name="name"/> in <paramref name="groups"/>.</summary>
    public IEnumerable<RoleGrant> For(string name, IReadOnlyList<string> groups)
    {
        if (_users.TryGetValue(name, out var byUser))
        {
            foreach (var grant in byUser)
            {
                yield return grant;
            }
        }

        foreach (var group in groups)
        {
            if (_groups.TryGetValue(group, out var byGroup))
            {
                foreach (var grant in byGroup)
                {
                    yield return grant;
                }
            }
        }
    }

    /// <summary>Whether a grant of this scope allows the request; the missing-role errors of the grants that applied, when none did.</summary>
    public bool Allows(AuthorizationAttributes attributes, ref List<string>? errors)
    {
        if (_users.TryGetValue(attributes.User.Name, out var byUser) && Allows(byUser, attributes, ref errors))
        {
            return true;
        }

        // Indexed loops: foreach over the IReadOnlyList would allocate an enumerator per decision.
        var groups = attributes.User.Groups;
        for (var i = 0; i < groups.Count; i++)
        {
            if (_groups.TryGetValue(groups[i], out var byGroup) && Allows(byGroup, attributes, ref errors))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Allows(List<RoleGrant> grants, AuthorizationAttributes attributes, ref List<string>? errors)
    {
        foreach (var grant in grants)
        {
            if (grant.Missing is { } missing)
            {
                (errors ??= []).Add(missing);
            }
            else if (grant.Allows(attributes))
            {
                return true;
            }
        }

        return false;
    }

    private static void Add(Dictionary<string, List<RoleGrant>> index, string key, RoleGrant grant)
    {
        if (!index.TryGetValue(key, out var grants))
        {
            index[key] = grants = [];
        }

        grants.Add(grant);
    }
}
