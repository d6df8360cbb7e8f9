namespace Orchestrator.E2E.Tests.Network;

/// <summary><see cref="PodNetworkTests"/> on nodes that joined with `orchestrator join`: node IP, podCIDRs, routes and masquerade as a joined node sets them up.</summary>
[Collection(JoinCollection.Name)]
public sealed class JoinPodNetworkTests(JoinCluster cluster) : PodNetworkTests(cluster);
