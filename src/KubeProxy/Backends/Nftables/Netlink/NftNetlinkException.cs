namespace Orchestrator.KubeProxy.Backends.Nftables.Netlink;

/// <summary>The kernel refused an nf_tables batch; the message names each failing command and its errno.</summary>
internal sealed class NftNetlinkException(string message, int errno) : InvalidOperationException(message)
{
    public int Errno { get; } = errno;
}
