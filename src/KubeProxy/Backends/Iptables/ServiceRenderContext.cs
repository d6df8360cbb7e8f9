namespace Orchestrator.KubeProxy.Backends.Iptables;

/// <summary>What every Service port's rules depend on besides the port itself.</summary>
/// <param name="ClusterCidr">The pod network (upstream's detect-local-mode ClusterCIDR); empty: no local-traffic detection.</param>
/// <param name="MasqueradeAll">SNAT every ClusterIP connection.</param>
/// <param name="LargeCluster">Upstream's largeClusterMode: per-endpoint rules carry no comments.</param>
internal sealed record ServiceRenderContext(string ClusterCidr, bool MasqueradeAll, bool LargeCluster);
