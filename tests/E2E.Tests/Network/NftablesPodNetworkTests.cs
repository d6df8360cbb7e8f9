namespace Orchestrator.E2E.Tests.Network;

/// <summary><see cref="PodNetworkTests"/> on the nftables cluster (the pod network does not depend on the proxy mode).</summary>
[Collection(NftablesCollection.Name)]
public sealed class NftablesPodNetworkTests(NftablesCluster cluster) : PodNetworkTests(cluster);
