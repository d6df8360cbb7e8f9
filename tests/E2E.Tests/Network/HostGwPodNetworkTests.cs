namespace Orchestrator.E2E.Tests.Network;

/// <summary><see cref="PodNetworkTests"/> on the default kubelets.</summary>
[Collection(HostGwCollection.Name)]
public sealed class HostGwPodNetworkTests(HostGwCluster cluster) : PodNetworkTests(cluster);
