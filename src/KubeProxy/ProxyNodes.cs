namespace Orchestrator.KubeProxy;

/// <summary>The <see cref="ProxyNode"/> of a plan, from the options and (when known) the Node object.</summary>
internal static class ProxyNodes
{
    public static ProxyNode From(ProxyOptions options, V1Node? node)
    {
        var addresses = options.NodeIps ?? node?.Status?.Addresses?
            .Where(a => a.Type is "InternalIP" or "ExternalIP")
            .Select(a => a.Address)
            .Where(Plan.SliceEndpoints.IsIpv4)
            .Distinct(StringComparer.Ordinal)
            .ToList() ?? [];
        return new ProxyNode(options.NodeName, addresses, options.ClusterCidr);
    }
}
