using System.Globalization;
using k8s.Models;
using Orchestrator.Dns.Records;

namespace Orchestrator.Dns.Hosting;

/// <summary>
/// The API objects through which pods reach the node-local DNS: the Service kube-system/kube-dns
/// (no selector, internalTrafficPolicy Local, so the proxy sends each node's pods to that node's
/// server) and one EndpointSlice per node naming the node's own address.
/// </summary>
internal static class KubeDnsObjects
{
    public const string Namespace = "kube-system";
    public const string ServiceName = "kube-dns";
    public const string ManagedByLabel = "endpointslice.kubernetes.io/managed-by";
    public const string ManagedBy = "dns.orchestrator.io";
    public const string UdpPortName = "dns";
    public const string TcpPortName = "dns-tcp";

    public static V1Service Service(string clusterIp) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta
        {
            Name = ServiceName,
            NamespaceProperty = Namespace,
            Labels = new Dictionary<string, string> { ["k8s-app"] = "kube-dns", ["kubernetes.io/cluster-service"] = "true" },
        },
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            ClusterIP = clusterIp,
            ClusterIPs = [clusterIp],
            InternalTrafficPolicy = "Local",
            Ports =
            [
                new V1ServicePort { Name = UdpPortName, Protocol = "UDP", Port = 53, TargetPort = 53 },
                new V1ServicePort { Name = TcpPortName, Protocol = "TCP", Port = 53, TargetPort = 53 },
            ],
        },
    };

    public static string SliceName(string nodeName) => ServiceName + "-" + nodeName;

    public static V1EndpointSlice NodeSlice(string nodeName, string nodeIp, int port) => new()
    {
        ApiVersion = "discovery.k8s.io/v1",
        Kind = "EndpointSlice",
        Metadata = new V1ObjectMeta
        {
            Name = SliceName(nodeName),
            NamespaceProperty = Namespace,
            Labels = new Dictionary<string, string> { [ServiceRecords.ServiceNameLabel] = ServiceName, [ManagedByLabel] = ManagedBy },
        },
        AddressType = nodeIp.Contains(':', StringComparison.Ordinal) ? "IPv6" : "IPv4",
        Endpoints =
        [
            new V1Endpoint
            {
                Addresses = [nodeIp],
                NodeName = nodeName,
                Conditions = new V1EndpointConditions { Ready = true, Serving = true, Terminating = false },
            },
        ],
        Ports =
        [
            new Discoveryv1EndpointPort { Name = UdpPortName, Protocol = "UDP", Port = port },
            new Discoveryv1EndpointPort { Name = TcpPortName, Protocol = "TCP", Port = port },
        ],
    };

    /// <summary>True when <paramref name="existing"/> already says what <paramref name="desired"/> says (labels, endpoints, ports).</summary>
    public static bool SameSlice(V1EndpointSlice existing, V1EndpointSlice desired) =>
        existing.AddressType == desired.AddressType
        && Describe(existing) == Describe(desired)
        && desired.Metadata.Labels.All(l => existing.Metadata.Labels?.TryGetValue(l.Key, out var v) == true && v == l.Value);

    private static string Describe(V1EndpointSlice slice) => string.Join(';',
        (slice.Endpoints ?? []).Select(e => string.Join(',', e.Addresses) + "@" + e.NodeName + (e.Conditions?.Ready == true ? "+" : "-"))
        .Concat((slice.Ports ?? []).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name}/{p.Protocol}/{p.Port}"))));
}
