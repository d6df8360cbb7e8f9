using Orchestrator.Testing;

namespace Orchestrator.Kubelet.Tests.Runtime.Containerd;

/// <summary>Tests that share one private containerd (with images and a registry) for the whole run.</summary>
[CollectionDefinition(Name)]
public sealed class ContainerdCollection : ICollectionFixture<ContainerdFixture>
{
    public const string Name = "containerd";
}
