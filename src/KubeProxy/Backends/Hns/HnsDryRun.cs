namespace Orchestrator.KubeProxy.Backends.Hns;

/// <summary>
/// <c>orchestrator proxy --mode hns --dry-run</c> on any OS: lists Services, EndpointSlices and Nodes once and prints
/// the HCN documents the proxy would program for one node. No HNS is read, so the network is synthesized: its GUID
/// and every endpoint GUID are <see cref="HnsDocuments.DeterministicGuid"/> of <c>network/&lt;name&gt;</c> and of the
/// pod IP, its type is <see cref="HnsOptions.NetworkType"/>, and its RemoteSubnetRoutes are the other Nodes'
/// podCIDRs behind their InternalIPs (what flannel programs on an Overlay network).
/// </summary>
public static class HnsDryRun
{
    public static async Task<string> RenderAsync(IKubernetes client, ProxyOptions options, HnsOptions hns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hns);
        var (plan, nodes) = await ProxyHost.PlanOnceAsync(client, options, cancellationToken);
        var network = Network(nodes, options.NodeName, hns);
        hns.Validate(network);
        return HnsDocuments.Build(HnsRenderer.Render(plan, network, hns), network, HnsDocuments.DeterministicGuid).ToJson();
    }

    /// <summary>The network a node named <paramref name="nodeName"/> would see: other Nodes' IPv4 pod CIDRs as RemoteSubnetRoutes.</summary>
    public static HnsNetworkInfo Network(IEnumerable<V1Node> nodes, string nodeName, HnsOptions hns)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(hns);
        var subnets = new List<HnsRemoteSubnet>();
        foreach (var node in nodes.Where(n => n.Metadata?.Name != nodeName).OrderBy(n => n.Metadata?.Name, StringComparer.Ordinal))
        {
            var address = node.Status?.Addresses?.FirstOrDefault(a => a.Type == "InternalIP" && SliceEndpoints.IsIpv4(a.Address))?.Address;
            var cidrs = node.Spec?.PodCIDRs is { Count: > 0 } all ? all : node.Spec?.PodCIDR is { } one ? [one] : [];
            foreach (var cidr in cidrs.Where(c => SliceEndpoints.IsIpv4(c.Split('/')[0])))
            {
                if (address is not null)
                {
                    subnets.Add(new HnsRemoteSubnet(cidr, address));
                }
            }
        }

        return new HnsNetworkInfo(HnsDocuments.DeterministicGuid("network/" + hns.NetworkName), hns.NetworkName, hns.NetworkType, subnets);
    }
}
