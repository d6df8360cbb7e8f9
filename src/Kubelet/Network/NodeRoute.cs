namespace Orchestrator.Kubelet.Network;

/// <summary>One host-gw route: another node's pod CIDR reached through that node's address on the shared network.</summary>
public sealed record NodeRoute(Ipv4Cidr Destination, string Gateway)
{
    public override string ToString() => $"{Destination} via {Gateway}";
}
