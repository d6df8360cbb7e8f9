namespace Orchestrator.E2E.Tests.Network;

/// <summary>The <see cref="NetnsCluster"/> whose nodes run the service proxy in iptables mode.</summary>
public sealed class IptablesCluster() : NetnsCluster(["--proxy-mode", "iptables"]);
