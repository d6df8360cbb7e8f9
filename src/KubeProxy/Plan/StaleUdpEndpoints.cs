using Orchestrator.KubeProxy.Backends;

namespace Orchestrator.KubeProxy.Plan;

/// <summary>
/// UDP endpoints a plan change removed from a Service port (upstream's conntrack.CleanStaleEntries input): conntrack
/// keeps sending a UDP flow to the old endpoint until its entry is flushed, for every address the port answers on.
/// </summary>
public static class StaleUdpEndpoints
{
    public static IReadOnlyList<StaleUdpEndpoint> Between(IEnumerable<ServicePortPlan> before, IReadOnlyDictionary<ServicePortName, ServicePortPlan> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var stale = new List<StaleUdpEndpoint>();
        foreach (var old in before.Where(p => p.Name.Protocol == "udp"))
        {
            var remaining = after.TryGetValue(old.Name, out var current)
                ? current.AllEndpoints.Select(e => e.Ip).ToHashSet(StringComparer.Ordinal)
                : [];
            foreach (var gone in old.AllEndpoints.Select(e => e.Ip).Distinct(StringComparer.Ordinal).Where(ip => !remaining.Contains(ip)))
            {
                stale.AddRange(new[] { old.ClusterIp }.Concat(old.ExternalIps).Concat(old.LoadBalancerIps)
                    .Select(serviceIp => new StaleUdpEndpoint(serviceIp, old.Port, gone)));
            }
        }

        return stale;
    }
}
