namespace Orchestrator.E2E.Tests.Network;

/// <summary><see cref="ServiceTests"/> with the nftables proxy.</summary>
[Collection(NftablesCollection.Name)]
public sealed class NftablesServiceTests(NftablesCluster cluster) : ServiceTests(cluster);
