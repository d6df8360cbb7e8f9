namespace Orchestrator.E2E.Tests.Network;

/// <summary>Tests sharing one <see cref="JoinCluster"/>; alone, as the other two-node collections (see <see cref="NftablesCollection"/>).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class JoinCollection : ICollectionFixture<JoinCluster>
{
    public const string Name = "netns-join";
}
