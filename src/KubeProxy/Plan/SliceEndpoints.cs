using System.Net;
using System.Net.Sockets;

namespace Orchestrator.KubeProxy.Plan;

/// <summary>
/// Reads the endpoints of one Service port out of its EndpointSlices, as upstream's EndpointSliceCache does:
/// IPv4 slices only, the port matched by name and protocol, the first address of each endpoint, conditions
/// defaulted (ready unset = ready, serving unset = ready, terminating unset = false), deduplicated by IP:port.
/// </summary>
internal static class SliceEndpoints
{
    public const string ServiceNameLabel = "kubernetes.io/service-name";

    public static IReadOnlyList<EndpointPlan> ForPort(IEnumerable<V1EndpointSlice> slices, string portName, string protocol, string nodeName)
    {
        var byAddress = new SortedDictionary<string, EndpointPlan>(StringComparer.Ordinal);
        foreach (var slice in slices.OrderBy(s => s.Metadata?.Name, StringComparer.Ordinal))
        {
            if (!string.Equals(slice.AddressType, "IPv4", StringComparison.Ordinal))
            {
                continue;
            }

            var port = slice.Ports?.FirstOrDefault(p =>
                string.Equals(p.Name ?? "", portName, StringComparison.Ordinal) &&
                string.Equals(p.Protocol ?? "TCP", protocol, StringComparison.OrdinalIgnoreCase));
            if (port?.Port is not { } number)
            {
                continue;
            }

            foreach (var endpoint in slice.Endpoints ?? [])
            {
                var ip = endpoint.Addresses?.FirstOrDefault();
                if (ip is null || !IsIpv4(ip))
                {
                    continue;
                }

                var ready = endpoint.Conditions?.Ready ?? true;
                var plan = new EndpointPlan(
                    ip,
                    number,
                    IsLocal: string.Equals(endpoint.NodeName, nodeName, StringComparison.Ordinal),
                    Ready: ready,
                    Serving: endpoint.Conditions?.Serving ?? ready,
                    Terminating: endpoint.Conditions?.Terminating ?? false);
                byAddress.TryAdd(plan.Address, plan);
            }
        }

        return [.. byAddress.Values];
    }

    public static bool IsIpv4(string address) =>
        IPAddress.TryParse(address, out var parsed) && parsed.AddressFamily == AddressFamily.InterNetwork;
}
