namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>
/// rolebindings and clusterrolebindings: NAME ROLE AGE, wide USERS GROUPS SERVICEACCOUNTS (upstream's
/// printRoleBinding/printClusterRoleBinding: ROLE is kind/name, service accounts namespace/name).
/// </summary>
internal sealed class RoleBindingPrinter() : ColumnPrinter(
    CommonColumns.Name,
    Column.String(
        "Role",
        "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error. This field is immutable.",
        obj => $"{obj.String("roleRef", "kind")}/{obj.String("roleRef", "name")}"),
    CommonColumns.Age,
    Column.String("Users", "Users in the roleBinding", obj => Subjects(obj, "User")).Wide(),
    Column.String("Groups", "Groups in the roleBinding", obj => Subjects(obj, "Group")).Wide(),
    Column.String("ServiceAccounts", "ServiceAccounts in the roleBinding", obj => Subjects(obj, "ServiceAccount")).Wide())
{
    private static string Subjects(JsonObject binding, string kind) =>
        string.Join(", ", binding.Objects("subjects").Where(s => s.String("kind") == kind).Select(s =>
            kind == "ServiceAccount" && s.String("namespace") is { Length: > 0 } ns ? $"{ns}/{s.String("name")}" : s.String("name")));
}
