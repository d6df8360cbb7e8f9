namespace Orchestrator.E2E.Tests.Network;

/// <summary>Tests sharing one <see cref="IptablesCluster"/>.</summary>
[CollectionDefinition(Name)]
public sealed class IptablesCollection : ICollectionFixture<IptablesCluster>
{
    public const string Name = "netns-iptables";
}
