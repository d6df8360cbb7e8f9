namespace Orchestrator.KubeProxy.Backends.Nftables.Netlink;

/// <summary>The kernel cannot take nf_tables over netlink here (no socket, or it lacks a feature a batch needs).</summary>
internal sealed class NetlinkUnavailableException(string message) : Exception(message);
