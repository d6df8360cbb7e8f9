namespace Orchestrator.KubeProxy.Backends.Iptables;

/// <summary>A rule in a built-in chain that jumps to one of ours; ensured outside the restore so other rules there stay untouched.</summary>
internal sealed record IptablesJump(string Table, string Source, string Target, string Comment, IReadOnlyList<string> ExtraArgs)
{
    private static readonly string[] NewConnections = ["-m", "conntrack", "--ctstate", "NEW"];

    /// <summary>Upstream's iptablesJumpChains, in its order.</summary>
    public static IReadOnlyList<IptablesJump> Proxy { get; } =
    [
        new("filter", "INPUT", IptablesChains.ExternalServices, "kubernetes externally-visible service portals", NewConnections),
        new("filter", "FORWARD", IptablesChains.ExternalServices, "kubernetes externally-visible service portals", NewConnections),
        new("filter", "INPUT", IptablesChains.NodePorts, "kubernetes health check service ports", []),
        new("filter", "FORWARD", IptablesChains.Services, "kubernetes service portals", NewConnections),
        new("filter", "OUTPUT", IptablesChains.Services, "kubernetes service portals", NewConnections),
        new("filter", "FORWARD", IptablesChains.Forward, "kubernetes forwarding rules", []),
        new("filter", "INPUT", IptablesChains.ProxyFirewall, "kubernetes load balancer firewall", NewConnections),
        new("filter", "OUTPUT", IptablesChains.ProxyFirewall, "kubernetes load balancer firewall", NewConnections),
        new("filter", "FORWARD", IptablesChains.ProxyFirewall, "kubernetes load balancer firewall", NewConnections),
        new("nat", "OUTPUT", IptablesChains.Services, "kubernetes service portals", []),
        new("nat", "PREROUTING", IptablesChains.Services, "kubernetes service portals", []),
        new("nat", "POSTROUTING", IptablesChains.Postrouting, "kubernetes postrouting rules", []),
    ];

    /// <summary>kubelet's KUBE-FIREWALL jumps (no comment), ensured when NodePorts answer on localhost.</summary>
    public static IReadOnlyList<IptablesJump> KubeletFirewall { get; } =
    [
        new("filter", "INPUT", IptablesChains.KubeletFirewall, string.Empty, []),
        new("filter", "OUTPUT", IptablesChains.KubeletFirewall, string.Empty, []),
    ];

    /// <summary>The rule specification after the chain name, as <c>iptables -C/-I/-D CHAIN …</c> takes it.</summary>
    public IReadOnlyList<string> RuleArgs =>
        [.. ExtraArgs, .. Comment.Length > 0 ? new[] { "-m", "comment", "--comment", Comment } : [], "-j", Target];
}
