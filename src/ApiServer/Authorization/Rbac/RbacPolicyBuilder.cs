namespace Orchestrator.ApiServer.Authorization.Rbac;

/// <summary>
/// Builds an <see cref="RbacPolicy"/> from the stored RBAC objects: each binding's roleRef resolved
/// to its role's rules once, and filed under each subject (ServiceAccount subjects under their
/// user name; an empty ServiceAccount namespace in a RoleBinding means the binding's own, as upstream).
/// </summary>
internal static class RbacPolicyBuilder
{
    private const string ServiceAccountPrefix = "system:serviceaccount:";

    public static RbacPolicy Build(IEnumerable<JsonObject> roles, IEnumerable<JsonObject> clusterRoles, IEnumerable<JsonObject> roleBindings, IEnumerable<JsonObject> clusterRoleBindings)
    {
        var clusterRoleRules = clusterRoles.ToDictionary(Name, Rules, StringComparer.Ordinal);
        var roleRules = roles.ToDictionary(r => (Namespace(r), Name(r)), Rules);

        var cluster = new SubjectGrants();
        foreach (var binding in clusterRoleBindings)
        {
            var roleName = JsonFields.Text(binding["roleRef"]?["name"]) ?? "";
            var grant = clusterRoleRules.TryGetValue(roleName, out var rules)
                ? new RoleGrant(rules, null)
                : new RoleGrant([], $"clusterrole.rbac.authorization.k8s.io {Quote(roleName)} not found");
            AddSubjects(cluster, binding, "", grant);
        }

        var namespaces = new Dictionary<string, SubjectGrants>(StringComparer.Ordinal);
        foreach (var binding in roleBindings)
        {
            var ns = Namespace(binding);
            var roleName = JsonFields.Text(binding["roleRef"]?["name"]) ?? "";
            var clusterScoped = JsonFields.Text(binding["roleRef"]?["kind"]) == "ClusterRole";
            var found = clusterScoped ? clusterRoleRules.GetValueOrDefault(roleName) : roleRules.GetValueOrDefault((ns, roleName));
            var grant = found is not null
                ? new RoleGrant(found, null)
                : new RoleGrant([], $"{(clusterScoped ? "clusterrole" : "role")}.rbac.authorization.k8s.io {Quote(roleName)} not found");
            if (!namespaces.TryGetValue(ns, out var scope))
            {
                namespaces[ns] = scope = new SubjectGrants();
            }

            AddSubjects(scope, binding, ns, grant);
        }

        return new RbacPolicy(cluster, namespaces, clusterRoleRules, roleRules);
    }

    /// <summary>The user name of a service account (serviceaccount.MakeUsername).</summary>
    public static string ServiceAccountUser(string @namespace, string name) => $"{ServiceAccountPrefix}{@namespace}:{name}";

    private static void AddSubjects(SubjectGrants scope, JsonObject binding, string bindingNamespace, RoleGrant grant)
    {
        foreach (var subject in (binding["subjects"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = JsonFields.Text(subject["name"]) ?? "";
            switch (JsonFields.Text(subject["kind"]))
            {
                case "User":
                    scope.AddUser(name, grant);
                    break;
                case "Group":
                    scope.AddGroup(name, grant);
                    break;
                case "ServiceAccount":
                    var ns = JsonFields.Text(subject["namespace"]) is { Length: > 0 } given ? given : bindingNamespace;
                    scope.AddUser(ServiceAccountUser(ns, name), grant);
                    break;
            }
        }
    }

    private static IReadOnlyList<PolicyRule> Rules(JsonObject role) =>
        [.. (role["rules"] as JsonArray ?? []).OfType<JsonObject>().Select(PolicyRule.FromJson)];

    private static string Name(JsonObject obj) => JsonFields.Text(obj["metadata"]?["name"]) ?? "";

    private static string Namespace(JsonObject obj) => JsonFields.Text(obj["metadata"]?["namespace"]) ?? "";

    private static string Quote(string value) => ApiMachinery.Text.GoText.Quote(value);
}
