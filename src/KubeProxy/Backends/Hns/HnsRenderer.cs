using System.Net;
using System.Net.Sockets;

namespace Orchestrator.KubeProxy.Backends.Hns;

/// <summary>
/// The pure half of the HNS mode: a <see cref="ProxyPlan"/> for one node → the endpoints and load balancers winkernel's
/// syncProxyRules would program (one LB per service port and frontend: ClusterIP, NodePort, each externalIP, each
/// LoadBalancer ingress IP; no LB for a frontend without endpoints).
/// </summary>
public static class HnsRenderer
{
    public static HnsDesiredState Render(ProxyPlan plan, HnsNetworkInfo network, HnsOptions options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        var nodeIp = plan.Node.NodeIps.FirstOrDefault();
        var endpoints = new Dictionary<string, HnsEndpointSpec>(StringComparer.Ordinal);
        var loadBalancers = new List<HnsLoadBalancerSpec>();
        foreach (var port in plan.Services)
        {
            var protocol = HcnFlags.Protocol(port.Name.Protocol);
            var distribution = port.AffinityTimeoutSeconds is null ? 0u : HcnFlags.DistributionSourceIp;
            var ipv6 = IsIpv6(port.ClusterIp) ? HcnFlags.LoadBalancerIpv6 : 0u;
            var externalDsr = port.ExternalPolicyLocal ? HcnFlags.LoadBalancerDsr : 0u;
            var context = new LoadBalancerContext(port, protocol, distribution, network, options, nodeIp, endpoints, loadBalancers);

            context.Add(HnsFrontend.ClusterIp, port.ClusterIp, port.InternalEndpoints, port.Port, ipv6 | (options.EnableDsr ? HcnFlags.LoadBalancerDsr : 0), 0);
            if (port.NodePort != 0)
            {
                context.Add(HnsFrontend.NodePort, "", port.ExternalEndpoints, port.NodePort, ipv6 | externalDsr, HcnFlags.PortMappingLocalRoutedVip | HcnFlags.PortMappingVipExternalIp);
            }

            foreach (var ip in port.ExternalIps)
            {
                context.Add(HnsFrontend.ExternalIp, ip, port.ExternalEndpoints, port.Port, ipv6 | externalDsr, HcnFlags.PortMappingVipExternalIp);
            }

            foreach (var ip in port.LoadBalancerIps)
            {
                context.Add(HnsFrontend.LoadBalancerIngress, ip, port.ExternalEndpoints, port.Port, ipv6 | externalDsr, HcnFlags.PortMappingVipExternalIp);
            }
        }

        return new HnsDesiredState([.. endpoints.Values.OrderBy(e => e.Ip, StringComparer.Ordinal)], loadBalancers);
    }

    private static bool IsIpv6(string ip) => IPAddress.TryParse(ip, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;

    private sealed record LoadBalancerContext(
        ServicePortPlan Port,
        uint Protocol,
        uint Distribution,
        HnsNetworkInfo Network,
        HnsOptions Options,
        string? NodeIp,
        Dictionary<string, HnsEndpointSpec> Endpoints,
        List<HnsLoadBalancerSpec> LoadBalancers)
    {
        public void Add(HnsFrontend frontend, string vip, IReadOnlyList<EndpointPlan> backends, int externalPort, uint lbFlags, uint mappingFlags)
        {
            if (backends.Count == 0)
            {
                return;
            }

            var ips = backends.Select(e => e.Ip).Distinct(StringComparer.Ordinal).ToList();
            foreach (var backend in backends)
            {
                Endpoints.TryAdd(backend.Ip, Endpoint(backend));
            }

            var template = new HcnLoadBalancer
            {
                SourceVip = SourceVip(backends),
                FrontendVips = vip.Length == 0 ? null : [vip],
                PortMappings =
                [
                    new HcnPortMapping
                    {
                        Protocol = Protocol,
                        // A named target port resolves per endpoint; winkernel takes the first endpoint's.
                        InternalPort = checked((ushort)backends[0].Port),
                        ExternalPort = checked((ushort)externalPort),
                        DistributionType = Distribution,
                        Flags = mappingFlags,
                    },
                ],
                Flags = lbFlags,
            };
            LoadBalancers.Add(new HnsLoadBalancerSpec(new HnsLoadBalancerKey(Port.Name, frontend, vip), ips, template));
        }

        private HnsEndpointSpec Endpoint(EndpointPlan endpoint)
        {
            if (endpoint.IsLocal || !Network.IsOverlay)
            {
                return new HnsEndpointSpec(endpoint.Ip, endpoint.IsLocal, null);
            }

            // The PA of the RemoteSubnetRoute holding the pod, else (a "public" IP) this node's address.
            return new HnsEndpointSpec(endpoint.Ip, false, Network.RemoteSubnetOf(endpoint.Ip)?.ProviderAddress ?? NodeIp);
        }

        /// <summary>
        /// Overlay only: <c>--source-vip</c>, replaced by the node IP when a backend is the node itself or a remote
        /// address outside every RemoteSubnetRoute (winkernel's containsNodeIP / containsPublicIP).
        /// </summary>
        private string? SourceVip(IReadOnlyList<EndpointPlan> backends)
        {
            if (!Network.IsOverlay)
            {
                return null;
            }

            var nodeOrPublic = backends.Any(e =>
                (NodeIp is not null && e.Ip == NodeIp) || (!e.IsLocal && Network.RemoteSubnetOf(e.Ip) is null));
            return nodeOrPublic && NodeIp is not null ? NodeIp : Options.SourceVip;
        }
    }
}
