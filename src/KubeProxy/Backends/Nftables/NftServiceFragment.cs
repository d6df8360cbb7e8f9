namespace Orchestrator.KubeProxy.Backends.Nftables;

/// <summary>Everything one Service port owns in table <c>ip kube-proxy</c>: its affinity sets, chains and map/set elements.</summary>
internal sealed record NftServiceFragment(
    IReadOnlyList<NftAffinitySet> AffinitySets,
    IReadOnlyList<NftChain> Chains,
    IReadOnlyList<NftElement> Elements)
{
    public static NftServiceFragment Empty { get; } = new([], [], []);
}
