namespace Orchestrator.E2E.Tests.Network;

/// <summary>Tests sharing one <see cref="HostGwCluster"/>; another kubelet configuration gets its own fixture and collection like this one.</summary>
[CollectionDefinition(Name)]
public sealed class HostGwCollection : ICollectionFixture<HostGwCluster>
{
    public const string Name = "netns-host-gw";
}
