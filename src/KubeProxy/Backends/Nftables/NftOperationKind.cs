namespace Orchestrator.KubeProxy.Backends.Nftables;

/// <summary>The commands an incremental sync is made of (a subset of <c>nft</c>'s, on table <c>ip kube-proxy</c>).</summary>
internal enum NftOperationKind
{
    AddTable,
    DeleteTable,
    AddMap,

    /// <summary>A comment or blank line of the script (no kernel command).</summary>
    Remark,
    FlushChain,
    DeleteChain,
    DeleteSet,
    AddSet,
    AddChain,
    AddRule,
    AddElement,
    DeleteElement,
}
