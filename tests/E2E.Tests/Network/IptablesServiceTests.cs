namespace Orchestrator.E2E.Tests.Network;

/// <summary><see cref="ServiceTests"/> with the iptables proxy.</summary>
[Collection(IptablesCollection.Name)]
public sealed class IptablesServiceTests(IptablesCluster cluster) : ServiceTests(cluster);
