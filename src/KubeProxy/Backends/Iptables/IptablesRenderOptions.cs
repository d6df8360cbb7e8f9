namespace Orchestrator.KubeProxy.Backends.Iptables;

/// <summary>The proxier settings that change the iptables text (upstream's KubeProxyIPTablesConfiguration and flags).</summary>
/// <param name="LocalhostNodePorts">NodePorts answer on 127.0.0.1 too (upstream's default; needs route_localnet=1 and adds the "block incoming localnet connections" rule).</param>
/// <param name="MasqueradeAll">SNAT all ClusterIP traffic, not only traffic from outside the cluster CIDR.</param>
/// <param name="DropInvalid">KUBE-FORWARD drops conntrack INVALID packets (upstream does unless nf_conntrack_tcp_be_liberal is set).</param>
/// <param name="RandomFully">MASQUERADE with <c>--random-fully</c> (iptables ≥ 1.6.2 with kernel support; true on this host).</param>
/// <param name="LargeClusterEndpointThreshold">Above this many endpoints, per-endpoint rules carry no comments (upstream's largeClusterMode, 1000).</param>
internal sealed record IptablesRenderOptions(
    bool LocalhostNodePorts = true,
    bool MasqueradeAll = false,
    bool DropInvalid = true,
    bool RandomFully = true,
    int LargeClusterEndpointThreshold = 1000)
{
    public static IptablesRenderOptions Default { get; } = new();
}
