namespace Orchestrator.E2E.Tests.Network;

/// <summary>Tests sharing one <see cref="NftablesCluster"/>.</summary>
[CollectionDefinition(Name)]
public sealed class NftablesCollection : ICollectionFixture<NftablesCluster>
{
    public const string Name = "netns-nftables";
}
