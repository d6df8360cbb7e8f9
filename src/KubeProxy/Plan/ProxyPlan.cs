namespace Orchestrator.KubeProxy.Plan;

/// <summary>
/// Everything one node's proxy programs, computed by a pure planner from Services, EndpointSlices and the Node
/// (upstream's ServicePortMap + EndpointsMap after CategorizeEndpoints). Backends (nftables, iptables, HNS) only
/// render and apply it; they make no policy decisions of their own.
/// </summary>
/// <param name="Services">One entry per (Service, port) that gets rules, ordered by <see cref="ServicePortName"/>.</param>
/// <param name="Node">What the proxy knows about its own node and the cluster.</param>
public sealed record ProxyPlan(IReadOnlyList<ServicePortPlan> Services, ProxyNode Node)
{
    public static ProxyPlan Empty(ProxyNode node) => new([], node);
}

/// <summary>The node the proxy runs on.</summary>
/// <param name="Name">The Node's name (endpoints with this <c>nodeName</c> are local).</param>
/// <param name="NodeIps">The node's own addresses NodePorts answer on (InternalIP/ExternalIP, IPv4).</param>
/// <param name="ClusterCidr">The pod network (e.g. 10.244.0.0/16): traffic from outside it to a ClusterIP is masqueraded.</param>
/// <param name="MasqueradeBit">Bit of the packet mark that requests SNAT (upstream default 14: 0x4000).</param>
public sealed record ProxyNode(string Name, IReadOnlyList<string> NodeIps, string ClusterCidr, int MasqueradeBit = 14)
{
    public uint MasqueradeMark => 1u << MasqueradeBit;
}

/// <summary>
/// Upstream's ServicePortName: <c>namespace/name:port</c> (no <c>:port</c> part when the port has no name),
/// plus the protocol in lower case (<c>tcp</c>, <c>udp</c>, <c>sctp</c>) that the rule names hash with it.
/// </summary>
public sealed record ServicePortName(string Namespace, string Name, string Port, string Protocol) : IComparable<ServicePortName>
{
    /// <summary><c>ns/name:port</c> or <c>ns/name</c>: the string upstream hashes and writes in rule comments.</summary>
    public override string ToString() => Port.Length == 0 ? $"{Namespace}/{Name}" : $"{Namespace}/{Name}:{Port}";

    public int CompareTo(ServicePortName? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byName = string.CompareOrdinal(ToString(), other.ToString());
        return byName != 0 ? byName : string.CompareOrdinal(Protocol, other.Protocol);
    }
}

/// <summary>One port of one Service, with the endpoints already chosen for each kind of traffic.</summary>
/// <param name="Name">Identity and rule-name hash input.</param>
/// <param name="ClusterIp">The IPv4 ClusterIP (headless and ExternalName Services never reach a plan).</param>
/// <param name="Port">The Service port.</param>
/// <param name="NodePort">The NodePort, or 0 when the Service has none.</param>
/// <param name="ExternalIps">spec.externalIPs: answered like the ClusterIP but treated as external traffic.</param>
/// <param name="LoadBalancerIps">status.loadBalancer.ingress[].ip: answered as external traffic.</param>
/// <param name="ExternalPolicyLocal">externalTrafficPolicy Local (NodePort / LoadBalancer / externalIPs go to <see cref="LocalEndpoints"/> only, source IP kept).</param>
/// <param name="InternalPolicyLocal">internalTrafficPolicy Local (ClusterIP traffic goes to local endpoints only).</param>
/// <param name="AffinityTimeoutSeconds">sessionAffinity ClientIP timeout (default 10800), or null without affinity.</param>
/// <param name="ClusterEndpoints">Every usable endpoint of the port in the cluster (ready ones; serving+terminating ones when none is ready), whatever the traffic policies. Empty: the Service has no endpoint anywhere and is rejected.</param>
/// <param name="LocalEndpoints">This node's usable endpoints (same ready/terminating fallback), filled when a traffic policy is Local. Empty under a Local policy: that traffic is dropped on this node.</param>
public sealed record ServicePortPlan(
    ServicePortName Name,
    string ClusterIp,
    int Port,
    int NodePort,
    IReadOnlyList<string> ExternalIps,
    IReadOnlyList<string> LoadBalancerIps,
    bool ExternalPolicyLocal,
    bool InternalPolicyLocal,
    int? AffinityTimeoutSeconds,
    IReadOnlyList<EndpointPlan> ClusterEndpoints,
    IReadOnlyList<EndpointPlan> LocalEndpoints)
{
    /// <summary>Whether the port has an endpoint anywhere in the cluster (upstream's hasAnyEndpoints: reject when false, drop when only a Local policy finds none).</summary>
    public bool HasClusterEndpoints => ClusterEndpoints.Count > 0;

    /// <summary>NodePort, externalIPs or LoadBalancer IPs: external traffic reaches this port.</summary>
    public bool ExternallyAccessible => NodePort != 0 || ExternalIps.Count > 0 || LoadBalancerIps.Count > 0;

    /// <summary>Whether some traffic type goes to <see cref="ClusterEndpoints"/> (upstream's UsesClusterEndpoints).</summary>
    public bool UsesClusterEndpoints => !InternalPolicyLocal || (ExternallyAccessible && !ExternalPolicyLocal);

    /// <summary>Endpoints ClusterIP traffic is sent to.</summary>
    public IReadOnlyList<EndpointPlan> InternalEndpoints => InternalPolicyLocal ? LocalEndpoints : ClusterEndpoints;

    /// <summary>Endpoints external traffic (NodePort, LoadBalancer, externalIPs) is sent to.</summary>
    public IReadOnlyList<EndpointPlan> ExternalEndpoints => ExternalPolicyLocal ? LocalEndpoints : ClusterEndpoints;

    /// <summary>Every distinct endpoint some traffic of this port is sent to (the per-endpoint chains to write), ordered by address.</summary>
    public IReadOnlyList<EndpointPlan> AllEndpoints =>
        (UsesClusterEndpoints ? ClusterEndpoints : []).Concat(LocalEndpoints).Distinct().OrderBy(e => e.Address, StringComparer.Ordinal).ToList();
}

/// <summary>One backend address of a Service port.</summary>
/// <param name="Ip">Pod IP (IPv4).</param>
/// <param name="Port">Target port number.</param>
/// <param name="IsLocal">Whether the endpoint's nodeName is this node.</param>
/// <param name="Ready">EndpointSlice condition ready.</param>
/// <param name="Serving">EndpointSlice condition serving.</param>
/// <param name="Terminating">EndpointSlice condition terminating.</param>
public sealed record EndpointPlan(string Ip, int Port, bool IsLocal, bool Ready, bool Serving, bool Terminating)
{
    /// <summary><c>IP:port</c> as Go's net.JoinHostPort writes it for IPv4 (the SEP hash input).</summary>
    public string Address => $"{Ip}:{Port}";
}
