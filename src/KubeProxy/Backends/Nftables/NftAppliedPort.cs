namespace Orchestrator.KubeProxy.Backends.Nftables;

/// <summary>A Service port as the kernel holds it after the last successful sync.</summary>
internal sealed record NftAppliedPort(ServicePortPlan Plan, NftServiceFragment Fragment);
