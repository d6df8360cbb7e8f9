namespace Orchestrator.KubeProxy.Backends.Nftables;

/// <summary>How the nftables backend hands an incremental sync to the kernel (a full sync always uses <c>nft -f</c>).</summary>
internal enum NftTransport
{
    /// <summary>One <c>nft -f -</c> transaction per sync.</summary>
    Nft,

    /// <summary>One nf_tables netlink batch per sync, straight from this process.</summary>
    Netlink,
}
