namespace Orchestrator.Kubelet.Network;

/// <summary>The main IPv4 route table as a sync sees it: our routes, and the destinations of everyone else's.</summary>
public sealed record RouteTableState(IReadOnlyList<NodeRoute> Ours, IReadOnlyCollection<Ipv4Cidr> Foreign);
