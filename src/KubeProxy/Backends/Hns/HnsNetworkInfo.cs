using System.Net;
using System.Text.Json;

namespace Orchestrator.KubeProxy.Backends.Hns;

/// <summary>
/// The HNS network the proxy programs (upstream's hnsNetworkInfo): read from HNS by name on Windows, synthesized
/// from the Nodes in <c>--dry-run</c>.
/// </summary>
/// <param name="Id">The network GUID (remote endpoints are created on it).</param>
/// <param name="Name">The name <c>--network-name</c> (or <c>KUBE_NETWORK</c>) gave.</param>
/// <param name="Type"><c>L2Bridge</c> or <c>Overlay</c> (VXLAN); only Overlay uses SourceVIP and ProviderAddress policies.</param>
/// <param name="RemoteSubnets">The network's RemoteSubnetRoute policies: other nodes' pod subnets and their provider addresses.</param>
public sealed record HnsNetworkInfo(string Id, string Name, string Type, IReadOnlyList<HnsRemoteSubnet> RemoteSubnets)
{
    public const string Overlay = "Overlay";
    public const string L2Bridge = "L2Bridge";

    public bool IsOverlay => string.Equals(Type, Overlay, StringComparison.OrdinalIgnoreCase);

    /// <summary>The RemoteSubnetRoute whose prefix holds <paramref name="ip"/>, or null (a "public" IP to kube-proxy).</summary>
    public HnsRemoteSubnet? RemoteSubnetOf(string ip) =>
        IPAddress.TryParse(ip, out var address) ? RemoteSubnets.FirstOrDefault(s => s.Contains(address)) : null;

    /// <summary>Reads an HCN network document (its RemoteSubnetRoute policies become <see cref="RemoteSubnets"/>).</summary>
    public static HnsNetworkInfo FromHcn(HcnNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var subnets = new List<HnsRemoteSubnet>();
        foreach (var policy in network.Policies ?? [])
        {
            if (policy.Type == "RemoteSubnetRoute" && policy.Settings is { ValueKind: JsonValueKind.Object } settings
                && settings.TryGetProperty("DestinationPrefix", out var prefix) && settings.TryGetProperty("ProviderAddress", out var pa))
            {
                subnets.Add(new HnsRemoteSubnet(prefix.GetString() ?? "", pa.GetString() ?? ""));
            }
        }

        return new HnsNetworkInfo(network.Id ?? "", network.Name ?? "", network.Type ?? "", subnets);
    }
}

/// <summary>One RemoteSubnetRoute: pods in <paramref name="DestinationPrefix"/> live behind <paramref name="ProviderAddress"/>.</summary>
public sealed record HnsRemoteSubnet(string DestinationPrefix, string ProviderAddress)
{
    private readonly IPNetwork? prefix = IPNetwork.TryParse(DestinationPrefix, out var parsed) ? parsed : null;

    public bool Contains(IPAddress address) => prefix?.Contains(address) == true;
}
