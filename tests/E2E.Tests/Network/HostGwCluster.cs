namespace Orchestrator.E2E.Tests.Network;

/// <summary>The <see cref="NetnsCluster"/> with the kubelet's defaults (host-gw pod network).</summary>
public sealed class HostGwCluster() : NetnsCluster([]);
