namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>services: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR.</summary>
internal sealed class ServicePrinter() : ColumnPrinter(
    CommonColumns.Name,
    Column.String("Type", "How the service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName.", obj => Type(obj["spec"])),
    Column.String("Cluster-IP", "The IP address of the service inside the cluster (the first of spec.clusterIPs).", obj => ClusterIP(obj["spec"])),
    Column.String("External-IP", "Addresses the service is reachable at from outside the cluster.", obj => ExternalIP(obj)),
    Column.String(
        "Port(s)",
        "The ports exposed by this service, with node ports where allocated.",
        obj => Ports(obj["spec"]) is { Length: > 0 } ports ? ports : "<none>"),
    CommonColumns.Age,
    CommonColumns.Selector(
        "Route service traffic to pods with label keys and values matching this selector.",
        obj => LabelFormat.Labels(obj.StringMap("spec", "selector"))))
{
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
