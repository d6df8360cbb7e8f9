using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Authentication;
using Orchestrator.ApiServer.Authorization;

namespace Orchestrator.Bench.Rbac;

/// <summary>
/// A large policy and the requests asked of it: 500 ClusterRoles and 500 Roles (10 namespaces × 50),
/// 500 ClusterRoleBindings and 500 RoleBindings, each role 4 rules, each binding 3 subjects (a user, a
/// group, a service account) out of 2,000 users and 200 groups.
/// </summary>
internal static class PolicyFixture
{
    public const int Namespaces = 10;

    public static (List<JsonObject> Roles, List<JsonObject> ClusterRoles, List<JsonObject> RoleBindings, List<JsonObject> ClusterRoleBindings) Objects()
    {
        var clusterRoles = Enumerable.Range(0, 500).Select(i => Role($"cluster-role-{i}", null, i)).ToList();
        var roles = Enumerable.Range(0, 500).Select(i => Role($"role-{i}", $"ns-{i % Namespaces}", i)).ToList();
        var clusterBindings = Enumerable.Range(0, 500).Select(i => Binding($"cluster-binding-{i}", null, "ClusterRole", $"cluster-role-{i}", i)).ToList();
        var bindings = Enumerable.Range(0, 500).Select(i => Binding($"binding-{i}", $"ns-{i % Namespaces}", "Role", $"role-{i}", i + 500)).ToList();
        return (roles, clusterRoles, bindings, clusterBindings);
    }

    /// <summary>A mix of requests: half allowed (the last rule of a bound role), half denied after every grant of the user was tried.</summary>
    public static AuthorizationAttributes[] Requests()
    {
        var requests = new List<AuthorizationAttributes>();
        for (var i = 0; i < 1000; i++)
        {
            var bound = i % 500;
            var user = UserInfo.Of(Text($"user-{bound + (i < 500 ? 0 : 500)}"), Text($"group-{i % 200}"), UserInfo.AllAuthenticated);
            var ns = $"ns-{bound % Namespaces}";
            requests.Add(Request(user, "watch", $"resource-{i}-3", ns));
            requests.Add(Request(user, "delete", "secrets", ns));
        }

        return [.. requests];
    }

    private static AuthorizationAttributes Request(UserInfo user, string verb, string resource, string ns) => new()
    {
        User = user,
        Verb = verb,
        IsResourceRequest = true,
        ApiGroup = "apps",
        ApiVersion = "v1",
        Resource = resource,
        Namespace = ns,
    };

    private static JsonObject Role(string name, string? ns, int i)
    {
        var rules = new JsonArray();
        for (var r = 0; r < 4; r++)
        {
            rules.Add(new JsonObject
            {
                ["verbs"] = new JsonArray("get", "list", "watch"),
                ["apiGroups"] = new JsonArray("", "apps"),
                ["resources"] = new JsonArray($"resource-{i}-{r}", $"resource-{i + 500}-{r}"),
            });
        }

        return new JsonObject { ["metadata"] = Metadata(name, ns), ["rules"] = rules };
    }

    private static JsonObject Binding(string name, string? ns, string kind, string role, int i) => new()
    {
        ["metadata"] = Metadata(name, ns),
        ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = kind, ["name"] = role },
        ["subjects"] = new JsonArray(
            new JsonObject { ["kind"] = "User", ["name"] = $"user-{i}" },
            new JsonObject { ["kind"] = "Group", ["name"] = $"group-{i % 200}" },
            new JsonObject { ["kind"] = "ServiceAccount", ["name"] = $"sa-{i}", ["namespace"] = ns ?? "default" }),
    };

    private static JsonObject Metadata(string name, string? ns)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        return metadata;
    }

    private static string Text(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
