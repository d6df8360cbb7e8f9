using Orchestrator.KubeProxy.Plan;

namespace Orchestrator.KubeProxy.Tests.Plan;

/// <summary>
/// The fixed plan inputs every backend's golden files are rendered from (nftables and iptables use the same ones,
/// so their golden files describe the same cluster). Node <c>node-a</c> at 192.168.1.10, pod network 10.244.0.0/16.
/// </summary>
public static class PlanFixtures
{
    public static ProxyNode Node { get; } = new("node-a", ["192.168.1.10"], "10.244.0.0/16");

    /// <summary>default/web: ClusterIP 10.96.0.20:80 → two ready endpoints on port 8080, one local, one remote.</summary>
    public static ProxyPlan ClusterIpTwoEndpoints { get; } = Single(Port("default", "web", "", "tcp", "10.96.0.20", 80) with
    {
        ClusterEndpoints = [Ready("10.244.1.5", 8080, isLocal: true), Ready("10.244.2.7", 8080, isLocal: false)],
    });

    /// <summary>default/empty: ClusterIP 10.96.0.30:80 with no endpoints (rejected at once).</summary>
    public static ProxyPlan NoEndpoints { get; } = Single(Port("default", "empty", "", "tcp", "10.96.0.30", 80));

    /// <summary>default/np:http: ClusterIP 10.96.0.40:80, NodePort 30080, one remote endpoint.</summary>
    public static ProxyPlan NodePort { get; } = Single(Port("default", "np", "http", "tcp", "10.96.0.40", 80) with
    {
        NodePort = 30080,
        ClusterEndpoints = [Ready("10.244.2.9", 8080, isLocal: false)],
    });

    /// <summary>
    /// default/lb: LoadBalancer 192.168.1.200 + externalIP 192.168.1.201, NodePort 31000, externalTrafficPolicy
    /// Local: a local and a remote endpoint for cluster traffic, only the local one for external traffic.
    /// </summary>
    public static ProxyPlan LoadBalancerLocal { get; } = Single(Port("default", "lb", "", "tcp", "10.96.0.50", 443) with
    {
        NodePort = 31000,
        ExternalIps = ["192.168.1.201"],
        LoadBalancerIps = ["192.168.1.200"],
        ExternalPolicyLocal = true,
        ClusterEndpoints = [Ready("10.244.1.8", 8443, isLocal: true), Ready("10.244.2.8", 8443, isLocal: false)],
        LocalEndpoints = [Ready("10.244.1.8", 8443, isLocal: true)],
    });

    /// <summary>default/sticky: sessionAffinity ClientIP with a 600 s timeout, two endpoints.</summary>
    public static ProxyPlan ClientIpAffinity { get; } = Single(Port("default", "sticky", "", "tcp", "10.96.0.60", 80) with
    {
        AffinityTimeoutSeconds = 600,
        ClusterEndpoints = [Ready("10.244.1.10", 8080, isLocal: true), Ready("10.244.2.10", 8080, isLocal: false)],
    });

    /// <summary>kube-system/kube-dns:dns (UDP 53) and :dns-tcp (TCP 53) at 10.96.0.10, one endpoint each.</summary>
    public static ProxyPlan UdpDns { get; } = new(
        [
            Port("kube-system", "kube-dns", "dns", "udp", "10.96.0.10", 53) with { ClusterEndpoints = [Ready("10.244.1.2", 53, isLocal: true)] },
            Port("kube-system", "kube-dns", "dns-tcp", "tcp", "10.96.0.10", 53) with { ClusterEndpoints = [Ready("10.244.1.2", 53, isLocal: true)] },
        ],
        Node);

    /// <summary>default/drain: no ready endpoint, so the serving+terminating one takes cluster traffic (ProxyTerminatingEndpoints).</summary>
    public static ProxyPlan TerminatingFallback { get; } = Single(Port("default", "drain", "", "tcp", "10.96.0.70", 80) with
    {
        ClusterEndpoints = [new EndpointPlan("10.244.2.11", 8080, IsLocal: false, Ready: false, Serving: true, Terminating: true)],
    });

    /// <summary>default/lb as <see cref="LoadBalancerLocal"/> but with no endpoint on this node: external traffic is dropped here, ClusterIP traffic still served.</summary>
    public static ProxyPlan LoadBalancerLocalNoLocalEndpoints { get; } = Single(Port("default", "lb", "", "tcp", "10.96.0.50", 443) with
    {
        NodePort = 31000,
        LoadBalancerIps = ["192.168.1.200"],
        ExternalPolicyLocal = true,
        ClusterEndpoints = [Ready("10.244.2.8", 8443, isLocal: false)],
    });

    /// <summary>default/node-local: internalTrafficPolicy Local, so ClusterIP traffic goes to this node's endpoint only.</summary>
    public static ProxyPlan InternalLocal { get; } = Single(Port("default", "node-local", "", "tcp", "10.96.0.80", 80) with
    {
        InternalPolicyLocal = true,
        ClusterEndpoints = [Ready("10.244.1.12", 8080, isLocal: true), Ready("10.244.2.12", 8080, isLocal: false)],
        LocalEndpoints = [Ready("10.244.1.12", 8080, isLocal: true)],
    });

    /// <summary>default/node-local-np: internalTrafficPolicy Local with a NodePort under externalTrafficPolicy Cluster: ClusterIP traffic local, NodePort traffic to every endpoint.</summary>
    public static ProxyPlan InternalLocalNodePort { get; } = Single(Port("default", "node-local-np", "", "tcp", "10.96.0.81", 80) with
    {
        InternalPolicyLocal = true,
        NodePort = 30090,
        ClusterEndpoints = [Ready("10.244.1.13", 8080, isLocal: true), Ready("10.244.2.13", 8080, isLocal: false)],
        LocalEndpoints = [Ready("10.244.1.13", 8080, isLocal: true)],
    });

    /// <summary>default/node-local-none: internalTrafficPolicy Local, endpoints only on other nodes: dropped here, not rejected.</summary>
    public static ProxyPlan InternalLocalNoLocalEndpoints { get; } = Single(Port("default", "node-local-none", "", "tcp", "10.96.0.82", 80) with
    {
        InternalPolicyLocal = true,
        ClusterEndpoints = [Ready("10.244.2.14", 8080, isLocal: false)],
    });

    /// <summary>Every fixture by the golden file name it is rendered to.</summary>
    public static IReadOnlyDictionary<string, ProxyPlan> All { get; } = new Dictionary<string, ProxyPlan>(StringComparer.Ordinal)
    {
        ["clusterip-two-endpoints"] = ClusterIpTwoEndpoints,
        ["no-endpoints"] = NoEndpoints,
        ["nodeport"] = NodePort,
        ["loadbalancer-local"] = LoadBalancerLocal,
        ["clientip-affinity"] = ClientIpAffinity,
        ["udp-dns"] = UdpDns,
        ["terminating-fallback"] = TerminatingFallback,
        ["loadbalancer-local-no-local-endpoints"] = LoadBalancerLocalNoLocalEndpoints,
        ["internal-local"] = InternalLocal,
        ["internal-local-nodeport"] = InternalLocalNodePort,
        ["internal-local-no-local-endpoints"] = InternalLocalNoLocalEndpoints,
    };

    /// <summary>A ServicePortPlan with no endpoints, no NodePort, no external addresses and Cluster policies.</summary>
    public static ServicePortPlan Port(string ns, string name, string port, string protocol, string clusterIp, int servicePort) =>
        new(new ServicePortName(ns, name, port, protocol), clusterIp, servicePort, 0, [], [], false, false, null, [], []);

    /// <summary>A ready, serving, not terminating endpoint.</summary>
    public static EndpointPlan Ready(string ip, int port, bool isLocal) => new(ip, port, isLocal, Ready: true, Serving: true, Terminating: false);

    private static ProxyPlan Single(ServicePortPlan port) => new([port], Node);
}
