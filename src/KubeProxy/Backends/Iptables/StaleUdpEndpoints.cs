namespace Orchestrator.KubeProxy.Backends.Iptables;

/// <summary>
/// UDP endpoints that left a Service port between two applied plans (upstream's conntrack.CleanStaleEntries input):
/// one entry per Service address (ClusterIP, external IPs, load-balancer IPs, and node IPs for the NodePort).
/// </summary>
internal static class StaleUdpEndpoints
{
    public static IReadOnlyList<StaleUdpEndpoint> Find(ProxyPlan? previous, ProxyPlan current)
    {
        if (previous is null)
        {
            return [];
        }

        var now = current.Services.ToDictionary(s => s.Name);
        var stale = new List<StaleUdpEndpoint>();
        foreach (var before in previous.Services.Where(s => s.Name.Protocol == "udp"))
        {
            var kept = now.TryGetValue(before.Name, out var after)
                ? after.AllEndpoints.Select(e => e.Address).ToHashSet(StringComparer.Ordinal)
                : [];
            foreach (var gone in before.AllEndpoints.Where(e => !kept.Contains(e.Address)))
            {
                var addresses = new[] { before.ClusterIp }.Concat(before.ExternalIps).Concat(before.LoadBalancerIps);
                stale.AddRange(addresses.Select(ip => new StaleUdpEndpoint(ip, before.Port, gone.Ip)));
                if (before.NodePort != 0)
                {
                    stale.AddRange(previous.Node.NodeIps.Select(ip => new StaleUdpEndpoint(ip, before.NodePort, gone.Ip)));
                }
            }
        }

        return stale;
    }
}
