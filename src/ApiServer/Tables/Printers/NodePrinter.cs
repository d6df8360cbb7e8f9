using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>nodes: NAME STATUS ROLES AGE VERSION, wide INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME.</summary>
internal sealed class NodePrinter : ITablePrinter
{
    private const string RoleLabelPrefix = "node-role.kubernetes.io/";
    private const string LegacyRoleLabel = "kubernetes.io/role";

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Status", "string", "The status of the node"),
        new("Roles", "string", "The roles of the node"),
        CommonColumns.Age,
        new("Version", "string", "Kubelet version reported by the node."),
        new("Internal-IP", "string", "The node's first InternalIP address.", Priority: 1),
        new("External-IP", "string", "The node's first ExternalIP address.", Priority: 1),
        new("OS-Image", "string", "OS image reported by the node from /etc/os-release.", Priority: 1),
        new("Kernel-Version", "string", "Kernel version reported by the node from 'uname -r'.", Priority: 1),
        new("Container-Runtime", "string", "Container runtime version reported by the node through the runtime remote API.", Priority: 1),
    ];

    public JsonArray Cells(JsonObject obj, DateTimeOffset now)
    {
        var info = obj.At("status", "nodeInfo");
        return new JsonArray(
            ObjectCells.Name(obj),
            Status(obj),
            Roles(obj),
            ObjectCells.Age(obj, now),
            info.String("kubeletVersion"),
            Address(obj, "InternalIP"),
            Address(obj, "ExternalIP"),
            OrUnknown(info.String("osImage")),
            OrUnknown(info.String("kernelVersion")),
            OrUnknown(info.String("containerRuntimeVersion")));
    }

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

    private static string OrUnknown(string value) => value.Length == 0 ? "<unknown>" : value;
}
