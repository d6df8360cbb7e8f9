namespace Orchestrator.KubeProxy.Backends.Nftables;

/// <summary>How the nftables backend hands a sync's commands to the kernel.</summary>
internal enum NftTransport
{
    /// <summary>One <c>nft -f -</c> transaction per sync.</summary>
    Nft,

    /// <summary>One nf_tables netlink batch per sync, straight from this process.</summary>
    Netlink,
}
