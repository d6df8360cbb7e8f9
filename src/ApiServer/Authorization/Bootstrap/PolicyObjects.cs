namespace Orchestrator.ApiServer.Authorization.Bootstrap;

/// <summary>
/// Builders of the bootstrap policy's objects, each labelled <c>kubernetes.io/bootstrapping: rbac-defaults</c>
/// and annotated <c>rbac.authorization.kubernetes.io/autoupdate: "true"</c> as upstream's are.
/// </summary>
internal static class PolicyObjects
{
    public const string RbacGroup = RbacPolicySource.Group;
    public const string AutoUpdate = "rbac.authorization.kubernetes.io/autoupdate";

    public static readonly string[] Read = ["get", "list", "watch"];
    public static readonly string[] Write = ["create", "update", "patch", "delete", "deletecollection"];
    public static readonly string[] ReadWrite = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"];

    public static PolicyRule Rule(string[] verbs, string group, params string[] resources) => PolicyRule.Resource(verbs, [group], resources);

    public static PolicyRule Rule(string verb, string group, params string[] resources) => PolicyRule.Resource([verb], [group], resources);

    public static JsonObject ClusterRole(string name, IEnumerable<PolicyRule> rules, IReadOnlyDictionary<string, string>? labels = null, string? aggregateFrom = null)
    {
        var role = Object("ClusterRole", name, null, labels);
        role["rules"] = new JsonArray([.. rules.Select(r => (JsonNode)r.ToJson())]);
        if (aggregateFrom is not null)
        {
            role["aggregationRule"] = new JsonObject
            {
                ["clusterRoleSelectors"] = new JsonArray(new JsonObject { ["matchLabels"] = new JsonObject { [aggregateFrom] = "true" } }),
            };
        }

        return role;
    }

    public static JsonObject Role(string ns, string name, IEnumerable<PolicyRule> rules)
    {
        var role = Object("Role", name, ns, null);
        role["rules"] = new JsonArray([.. rules.Select(r => (JsonNode)r.ToJson())]);
        return role;
    }

    /// <summary>A ClusterRoleBinding (null <paramref name="ns"/>) or RoleBinding of <paramref name="roleKind"/>/<paramref name="role"/>, named after the role.</summary>
    public static JsonObject Binding(string? ns, string roleKind, string role, params JsonObject[] subjects) =>
        Binding(ns, role, roleKind, role, subjects);

    public static JsonObject Binding(string? ns, string name, string roleKind, string role, params JsonObject[] subjects)
    {
        var binding = Object(ns is null ? "ClusterRoleBinding" : "RoleBinding", name, ns, null);
        binding["roleRef"] = new JsonObject { ["apiGroup"] = RbacGroup, ["kind"] = roleKind, ["name"] = role };
        binding["subjects"] = new JsonArray([.. subjects]);
        return binding;
    }

    public static JsonObject User(string name) => new() { ["apiGroup"] = RbacGroup, ["kind"] = "User", ["name"] = name };

    public static JsonObject Group(string name) => new() { ["apiGroup"] = RbacGroup, ["kind"] = "Group", ["name"] = name };

    public static JsonObject ServiceAccount(string ns, string name) => new() { ["kind"] = "ServiceAccount", ["name"] = name, ["namespace"] = ns };

    private static JsonObject Object(string kind, string name, string? ns, IReadOnlyDictionary<string, string>? labels)
    {
        var metadata = new JsonObject
        {
            ["name"] = name,
            ["labels"] = new JsonObject { ["kubernetes.io/bootstrapping"] = "rbac-defaults" },
            ["annotations"] = new JsonObject { [AutoUpdate] = "true" },
        };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            metadata["labels"]![key] = value;
        }

        return new JsonObject { ["apiVersion"] = $"{RbacGroup}/v1", ["kind"] = kind, ["metadata"] = metadata };
    }
}
