namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>nodes: NAME STATUS ROLES AGE VERSION, wide INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME.</summary>
internal sealed class NodePrinter() : ColumnPrinter(
    CommonColumns.Name,
    Column.String("Status", "The status of the node", obj => Status(obj)),
    Column.String("Roles", "The roles of the node", obj => Roles(obj)),
    CommonColumns.Age,
    Column.String("Version", "Kubelet version reported by the node.", obj => obj.String("status", "nodeInfo", "kubeletVersion")),
    Column.String("Internal-IP", "The node's first InternalIP address.", obj => Address(obj, "InternalIP")).Wide(),
    Column.String("External-IP", "The node's first ExternalIP address.", obj => Address(obj, "ExternalIP")).Wide(),
    Column.String("OS-Image", "OS image reported by the node from /etc/os-release.", obj => Info(obj, "osImage")).Wide(),
    Column.String("Kernel-Version", "Kernel version reported by the node from 'uname -r'.", obj => Info(obj, "kernelVersion")).Wide(),
    Column.String(
        "Container-Runtime",
        "Container runtime version reported by the node through the runtime remote API.",
        obj => Info(obj, "containerRuntimeVersion")).Wide())
{
    private const string RoleLabelPrefix = "node-role.kubernetes.io/";
    private const string LegacyRoleLabel = "kubernetes.io/role";

    /// <summary>"Ready", "NotReady" or "Unknown" from the Ready condition, then ",SchedulingDisabled" when cordoned.</summary>
    public static string Status(JsonObject node)
    {
        // Later duplicates of a condition type win, as in upstream's condition map.
        var ready = node["status"].Objects("conditions").LastOrDefault(c => c.String("type") == "Ready");
        var status = ready is null ? "Unknown" : ready.String("status") == "True" ? "Ready" : "NotReady";
        return node.Bool("spec", "unschedulable") ? status + ",SchedulingDisabled" : status;
    }

    /// <summary>Roles from node-role.kubernetes.io/&lt;role&gt; keys and kubernetes.io/role values, sorted and unique.</summary>
    public static string Roles(JsonObject node)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in node.StringMap("metadata", "labels"))
        {
            if (key.StartsWith(RoleLabelPrefix, StringComparison.Ordinal) && key.Length > RoleLabelPrefix.Length)
            {
                roles.Add(key[RoleLabelPrefix.Length..]);
            }
            else if (key == LegacyRoleLabel && value.Length > 0)
            {
                roles.Add(value);
            }
        }

        return roles.Count == 0 ? "<none>" : string.Join(",", roles);
    }

    private static string Address(JsonObject node, string type) =>
        node["status"].Objects("addresses").FirstOrDefault(a => a.String("type") == type)?.String("address") ?? "<none>";

    /// <summary>A status.nodeInfo field; "&lt;unknown&gt;" when empty.</summary>
    private static string Info(JsonObject node, string field) =>
        node.String("status", "nodeInfo", field) is { Length: > 0 } value ? value : "<unknown>";
}
