using Orchestrator.ApiServer.Authentication.ServiceAccounts;

namespace Orchestrator.ApiServer.Authentication.Impersonation;

/// <summary>
/// Reads the impersonation headers into what must be authorized (upstream's
/// <c>buildImpersonationRequests</c>) and builds the user the request then acts as. Pure.
/// </summary>
internal static class ImpersonationHeaders
{
    public const string User = "Impersonate-User";
    public const string Uid = "Impersonate-Uid";
    public const string Group = "Impersonate-Group";
    public const string ExtraPrefix = "Impersonate-Extra-";
    public const string AuthenticationGroup = "authentication.k8s.io";

    /// <summary>Whether the request carries any impersonation header.</summary>
    public static bool Present(IHeaderDictionary headers) =>
        headers.ContainsKey(User) || headers.ContainsKey(Uid) || headers.ContainsKey(Group) || headers.Keys.Any(IsExtra);

    /// <summary>The targets to authorize, in upstream's order (user, groups, extras, uid); groups, extras or a uid without a user is an error.</summary>
    public static IReadOnlyList<ImpersonationTarget> Parse(IHeaderDictionary headers)
    {
        var targets = new List<ImpersonationTarget>();
        var user = headers[User].ToString();
        if (user.Length > 0)
        {
            targets.Add(ServiceAccountUsers.Split(user) is var (ns, name)
                ? new ImpersonationTarget("serviceaccounts", "", name, ns)
                : new ImpersonationTarget("users", "", user));
        }

        foreach (var group in headers[Group])
        {
            targets.Add(new ImpersonationTarget("groups", "", group ?? ""));
        }

        foreach (var (header, values) in headers.Where(h => IsExtra(h.Key)).OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            var key = Uri.UnescapeDataString(header[ExtraPrefix.Length..]).ToLowerInvariant();
            targets.AddRange(values.Select(value => new ImpersonationTarget("userextras", AuthenticationGroup, value ?? "", Subresource: key)));
        }

        var uid = headers[Uid].ToString();
        if (uid.Length > 0)
        {
            targets.Add(new ImpersonationTarget("uids", AuthenticationGroup, uid));
        }

        if (user.Length == 0 && targets.Count > 0)
        {
            throw new ApiException(500, "InternalError", $"Internal error occurred: requested {Describe(targets)} without impersonating a user");
        }

        return targets;
    }

    /// <summary>
    /// The impersonated user: a service account brings its groups unless groups are given; a user
    /// other than system:anonymous gets system:authenticated unless it or system:unauthenticated is
    /// given, system:anonymous gets system:unauthenticated (upstream's rule).
    /// </summary>
    public static UserInfo UserOf(IReadOnlyList<ImpersonationTarget> targets)
    {
        var groupsSpecified = targets.Any(t => t.Resource == "groups");
        var name = "";
        var uid = "";
        var groups = new List<string>();
        var extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            switch (target.Resource)
            {
                case "serviceaccounts":
                    name = ServiceAccountUsers.UserName(target.Namespace, target.Name);
                    if (!groupsSpecified)
                    {
                        groups.AddRange(ServiceAccountUsers.Groups(target.Namespace));
                    }

                    break;
                case "users":
                    name = target.Name;
                    break;
                case "groups":
                    groups.Add(target.Name);
                    break;
                case "userextras":
                    extra[target.Subresource] = [.. extra.GetValueOrDefault(target.Subresource) ?? [], target.Name];
                    break;
                case "uids":
                    uid = target.Name;
                    break;
            }
        }

        var (implied, excluding) = name == UserInfo.Anonymous
            ? (UserInfo.AllUnauthenticated, UserInfo.AllUnauthenticated)
            : (UserInfo.AllAuthenticated, UserInfo.AllUnauthenticated);
        if (!groups.Contains(implied, StringComparer.Ordinal) && !groups.Contains(excluding, StringComparer.Ordinal))
        {
            groups.Add(implied);
        }

        return new UserInfo(name, uid, groups, extra);
    }

    private static bool IsExtra(string header) => header.StartsWith(ExtraPrefix, StringComparison.OrdinalIgnoreCase) && header.Length > ExtraPrefix.Length;

    private static string Describe(IEnumerable<ImpersonationTarget> targets) =>
        "[" + string.Join(' ', targets.Select(t => t.Subresource.Length > 0 ? $"{t.Resource}/{t.Subresource}={t.Name}" : $"{t.Resource}={t.Name}")) + "]";
}
