namespace Orchestrator.E2E.Tests.Network;

/// <summary>Tests sharing one <see cref="NftablesCluster"/>.</summary>
// Alone, after the parallel collections: two nodes with their containerd, proxy and DNS each load the 2-core CI
// machine enough to push the single-node containerd tests past their deadlines when run beside them.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NftablesCollection : ICollectionFixture<NftablesCluster>
{
    public const string Name = "netns-nftables";
}
