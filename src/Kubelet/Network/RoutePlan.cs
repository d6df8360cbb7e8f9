namespace Orchestrator.Kubelet.Network;

/// <summary>
/// What one sync changes in the route table: routes to add or re-point, destinations to remove, and the desired
/// routes left out because a route we do not own already has their destination.
/// </summary>
public sealed record RoutePlan(IReadOnlyList<NodeRoute> Replace, IReadOnlyList<Ipv4Cidr> Delete, IReadOnlyList<NodeRoute> Conflicts)
{
    public bool IsEmpty => Replace.Count == 0 && Delete.Count == 0;
}
