namespace Orchestrator.E2E.Tests.Network;

/// <summary>The <see cref="NetnsCluster"/> whose nodes run the service proxy in nftables mode.</summary>
public sealed class NftablesCluster() : NetnsCluster(["--proxy-mode", "nftables"]);
