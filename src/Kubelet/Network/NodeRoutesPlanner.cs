namespace Orchestrator.Kubelet.Network;

/// <summary>
/// The host-gw decisions, pure: which routes this node wants (<see cref="Plan"/>) and what a sync must
/// change to get from the routes it has to those (<see cref="Diff"/>).
/// </summary>
internal static class NodeRoutesPlanner
{
    /// <summary>
    /// Every other node with an IPv4 podCIDR and an IPv4 InternalIP gives <c>podCIDR via InternalIP</c>, ordered by
    /// destination. A podCIDR overlapping this node's own (a stale or conflicting assignment) is never routed away,
    /// and when two nodes claim overlapping podCIDRs only the first by name is routed.
    /// </summary>
    public static IReadOnlyList<NodeRoute> Plan(string selfNodeName, IEnumerable<V1Node> nodes)
    {
        ArgumentException.ThrowIfNullOrEmpty(selfNodeName);
        ArgumentNullException.ThrowIfNull(nodes);
        var all = nodes.OrderBy(n => n.Metadata?.Name, StringComparer.Ordinal).ToList();
        var self = all.FirstOrDefault(n => n.Metadata?.Name == selfNodeName);
        var taken = new List<Ipv4Cidr>();
        if (self is not null && PodCidr(self) is { } own)
        {
            taken.Add(own);
        }

        var routes = new List<NodeRoute>();
        foreach (var node in all)
        {
            if (node.Metadata?.Name == selfNodeName || PodCidr(node) is not { } cidr || InternalIp(node) is not { } gateway
                || taken.Any(cidr.Overlaps))
            {
                continue;
            }

            taken.Add(cidr);
            routes.Add(new NodeRoute(cidr, gateway));
        }

        return routes.OrderBy(r => r.Destination.Network).ThenBy(r => r.Destination.PrefixLength).ToList();
    }

    /// <summary>
    /// The changes that turn <paramref name="current"/> (the routes carrying our protocol marker) into
    /// <paramref name="desired"/>: missing or re-pointed routes are replaced, routes no longer desired deleted.
    /// A desired destination that a route of someone else already has (<paramref name="foreign"/>: another
    /// protocol, e.g. a connected or static route) is left alone and reported as a conflict, so a sync never
    /// overwrites a route it does not own.
    /// </summary>
    public static RoutePlan Diff(IReadOnlyList<NodeRoute> desired, IReadOnlyList<NodeRoute> current, IReadOnlyCollection<Ipv4Cidr> foreign)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(foreign);
        var have = current.ToHashSet();
        var conflicts = desired.Where(r => foreign.Contains(r.Destination)).ToList();
        var wanted = desired.Except(conflicts).ToList();
        var wantedDestinations = wanted.Select(r => r.Destination).ToHashSet();
        var replace = wanted.Where(r => !have.Contains(r)).ToList();
        var delete = current.Select(r => r.Destination).Where(d => !wantedDestinations.Contains(d)).Distinct().ToList();
        return new RoutePlan(replace, delete, conflicts);
    }

    /// <summary>spec.podCIDR, else the first IPv4 entry of spec.podCIDRs; null when the node has no IPv4 one.</summary>
    private static Ipv4Cidr? PodCidr(V1Node node)
    {
        var candidates = new[] { node.Spec?.PodCIDR }.Concat(node.Spec?.PodCIDRs ?? []);
        foreach (var text in candidates)
        {
            if (Ipv4Cidr.TryParse(text, out var cidr))
            {
                return cidr;
            }
        }

        return null;
    }

    /// <summary>The node's first IPv4 InternalIP address, or null.</summary>
    private static string? InternalIp(V1Node node) =>
        node.Status?.Addresses?
            .Where(a => a.Type == "InternalIP")
            .Select(a => a.Address)
            .FirstOrDefault(a => a is not null && Ipv4Cidr.TryParseAddress(a, out _));
}
