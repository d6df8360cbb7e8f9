namespace Orchestrator.KubeProxy.Backends.Nftables;

/// <summary>The commands an incremental sync is made of (a subset of <c>nft</c>'s, on table <c>ip kube-proxy</c>).</summary>
internal enum NftOperationKind
{
    FlushChain,
    DeleteChain,
    DeleteSet,
    AddSet,
    AddChain,
    AddRule,
    AddElement,
    DeleteElement,
}
