namespace Orchestrator.KubeProxy.Backends.Hns;

/// <summary>
/// What one node's HNS should hold, before endpoint GUIDs are known: the endpoints the load balancers use (by IP)
/// and one load balancer per service port and frontend, as winkernel builds them.
/// </summary>
public sealed record HnsDesiredState(IReadOnlyList<HnsEndpointSpec> Endpoints, IReadOnlyList<HnsLoadBalancerSpec> LoadBalancers);

/// <summary>
/// A backend endpoint. Local ones are created by the CNI plugin (the proxy only references them); remote ones the
/// proxy creates itself with <see cref="ToRemoteDocument"/>.
/// </summary>
/// <param name="Ip">The pod IP.</param>
/// <param name="IsLocal">Whether the pod runs on this node.</param>
/// <param name="ProviderAddress">On Overlay: the host the pod lives behind (PA policy); null on L2Bridge and for local pods.</param>
public sealed record HnsEndpointSpec(string Ip, bool IsLocal, string? ProviderAddress)
{
    /// <summary>One settings element per provider address (one per node), shared by the endpoints behind it.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, System.Text.Json.JsonElement> ProviderAddressSettings = new(StringComparer.Ordinal);

    /// <summary>kube-proxy's conjureMac("02-11", ip): 02-11 then the four IPv4 octets in lower-case hex.</summary>
    public string MacAddress => "02-11-" + string.Join('-', System.Net.IPAddress.Parse(Ip).GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The settings of <c>HcnCreateEndpoint</c> for a remote pod (Flags 1 = RemoteEndpoint).</summary>
    public HcnEndpoint ToRemoteDocument(string networkId, string? id = null) => new()
    {
        Id = id,
        HostComputeNetwork = networkId,
        Policies = ProviderAddress is null
            ? null
            : [new HcnPolicy("ProviderAddress", ProviderAddressSettings.GetOrAdd(ProviderAddress, pa => System.Text.Json.JsonSerializer.SerializeToElement(new { ProviderAddress = pa })))],
        IpConfigurations = [new HcnIpConfig(Ip)],
        MacAddress = MacAddress,
        Flags = HcnFlags.EndpointRemote,
    };

    /// <summary>A CNI-created local endpoint as a reference (no flags: it is not the proxy's to create).</summary>
    public HcnEndpoint ToLocalReference(string networkId, string id) => new()
    {
        Id = id,
        HostComputeNetwork = networkId,
        IpConfigurations = [new HcnIpConfig(Ip)],
    };
}

/// <summary>The kinds of load balancer winkernel makes for one service port.</summary>
public enum HnsFrontend
{
    ClusterIp,
    NodePort,
    ExternalIp,
    LoadBalancerIngress,
}

/// <summary>Which load balancer of which service port: the key the backend tracks LB GUIDs under.</summary>
public sealed record HnsLoadBalancerKey(ServicePortName Service, HnsFrontend Frontend, string Vip);

/// <summary>One load balancer to program: the document minus its backend GUIDs, and the backend IPs in plan order.</summary>
public sealed record HnsLoadBalancerSpec(HnsLoadBalancerKey Key, IReadOnlyList<string> BackendIps, HcnLoadBalancer Template)
{
    /// <summary>The complete document with the backends' HNS endpoint GUIDs (a backend without a GUID is left out).</summary>
    public HcnLoadBalancer ToDocument(Func<string, string?> endpointId) =>
        Template with { HostComputeEndpoints = HcnJson.OrNull(BackendIps.Select(endpointId).OfType<string>().ToList()) };
}
