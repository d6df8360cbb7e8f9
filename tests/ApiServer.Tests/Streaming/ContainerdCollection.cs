namespace Orchestrator.ApiServer.Tests.Streaming;

/// <summary>One private containerd for every streaming test of this assembly that runs real containers.</summary>
[CollectionDefinition(Name)]
public sealed class ContainerdCollection : ICollectionFixture<ContainerdFixture>
{
    public const string Name = "containerd";
}
