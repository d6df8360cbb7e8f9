namespace Orchestrator.KubeProxy.Backends.Iptables;

/// <summary>Upstream's iptables chain names (pkg/proxy/iptables/proxier.go) and its per-service hash names.</summary>
internal static class IptablesChains
{
    public const string Services = "KUBE-SERVICES";
    public const string ExternalServices = "KUBE-EXTERNAL-SERVICES";
    public const string NodePorts = "KUBE-NODEPORTS";
    public const string Postrouting = "KUBE-POSTROUTING";
    public const string MarkMasq = "KUBE-MARK-MASQ";
    public const string Forward = "KUBE-FORWARD";
    public const string ProxyFirewall = "KUBE-PROXY-FIREWALL";

    /// <summary>kubelet's anti-martian chain, which upstream's proxy duplicates when it serves NodePorts on localhost.</summary>
    public const string KubeletFirewall = "KUBE-FIREWALL";

    public const string ServicePrefix = "KUBE-SVC-";
    public const string LocalPrefix = "KUBE-SVL-";
    public const string ExternalPrefix = "KUBE-EXT-";
    public const string FirewallPrefix = "KUBE-FW-";
    public const string EndpointPrefix = "KUBE-SEP-";

    /// <summary>Top-level filter chains, declared (and so flushed) by every sync, in upstream's order.</summary>
    public static readonly IReadOnlyList<string> FilterTopLevel = [Services, ExternalServices, Forward, NodePorts, ProxyFirewall];

    /// <summary>Top-level nat chains, declared (and so flushed) by every sync, in upstream's order.</summary>
    public static readonly IReadOnlyList<string> NatTopLevel = [Services, NodePorts, Postrouting, MarkMasq];

    private static readonly string[] PerServicePrefixes = [ServicePrefix, LocalPrefix, EndpointPrefix, FirewallPrefix, ExternalPrefix];

    /// <summary>Upstream's portProtoHash: 16 base32 characters of sha256(<c>ns/name:port</c> + protocol).</summary>
    public static string PortProtoHash(ServicePortName name) => RuleNames.Hash(name.ToString() + name.Protocol, 16);

    public static string ClusterPolicy(ServicePortName name) => ServicePrefix + PortProtoHash(name);

    public static string LocalPolicy(ServicePortName name) => LocalPrefix + PortProtoHash(name);

    public static string External(ServicePortName name) => ExternalPrefix + PortProtoHash(name);

    /// <summary>KUBE-SEP- + 16 base32 characters of sha256(<c>ns/name:port</c> + protocol + <c>ip:port</c>).</summary>
    public static string Endpoint(ServicePortName name, EndpointPlan endpoint) =>
        EndpointPrefix + RuleNames.Hash(name.ToString() + name.Protocol + endpoint.Address, 16);

    /// <summary>Upstream's isServiceChainName: the per-service chains a sync may delete when stale.</summary>
    public static bool IsServiceChain(string chain) => PerServicePrefixes.Any(p => chain.StartsWith(p, StringComparison.Ordinal));
}
