using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>services: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR.</summary>
internal sealed class ServicePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Type", "string", "How the service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName."),
        new("Cluster-IP", "string", "The IP address of the service inside the cluster (the first of spec.clusterIPs)."),
        new("External-IP", "string", "Addresses the service is reachable at from outside the cluster."),
        new("Port(s)", "string", "The ports exposed by this service, with node ports where allocated."),
        CommonColumns.Age,
        CommonColumns.Selector("Route service traffic to pods with label keys and values matching this selector."),
    ];

    public JsonArray Cells(JsonObject obj, DateTimeOffset now)
    {
        var spec = obj["spec"];
        var ports = Ports(spec);
        return new JsonArray(
            ObjectCells.Name(obj),
            Type(spec),
            ClusterIP(spec),
            ExternalIP(obj),
            ports.Length == 0 ? "<none>" : ports,
            ObjectCells.Age(obj, now),
            LabelFormat.Labels(spec.StringMap("selector")));
    }

    /// <summary>"80/TCP,443:30443/TCP": port, node port when allocated, protocol (TCP when unset, as defaulting makes it).</summary>
    public static string Ports(JsonNode? spec) => string.Join(",", spec.Objects("ports").Select(port =>
    {
        var protocol = port.StringOrNull("protocol") ?? "TCP";
        var nodePort = port.Long("nodePort");
        return nodePort > 0 ? $"{port.Long("port")}:{nodePort}/{protocol}" : $"{port.Long("port")}/{protocol}";
    }));

    /// <summary>Upstream's getServiceExternalIP; printed wide, so load-balancer addresses are never clipped.</summary>
    public static string ExternalIP(JsonObject service)
    {
        var spec = service["spec"];
        var externalIPs = spec.Strings("externalIPs");
        switch (Type(spec))
        {
            case "ClusterIP" or "NodePort":
                return externalIPs.Count > 0 ? string.Join(",", externalIPs) : "<none>";
            case "LoadBalancer":
                var ingress = service.At("status", "loadBalancer").Objects("ingress")
                    .Select(i => i.String("ip") is { Length: > 0 } ip ? ip : i.String("hostname"))
                    .Where(a => a.Length > 0)
                    .Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                return ingress.Count + externalIPs.Count > 0 ? string.Join(",", ingress.Concat(externalIPs)) : "<pending>";
            case "ExternalName":
                return spec.String("externalName");
            default:
                return "<unknown>";
        }
    }

    /// <summary>spec.type; ClusterIP when unset, as defaulting makes it.</summary>
    private static string Type(JsonNode? spec) => spec.StringOrNull("type") ?? "ClusterIP";

    /// <summary>The first of spec.clusterIPs; spec.clusterIP when a writer set only that.</summary>
    private static string ClusterIP(JsonNode? spec) =>
        spec.Strings("clusterIPs").FirstOrDefault() ?? (spec.String("clusterIP") is { Length: > 0 } ip ? ip : "<none>");
}
