namespace Orchestrator.KubeProxy.Backends.Nftables;

/// <summary>A Service port an incremental sync rewrites: added (no <see cref="Old"/>), removed (no <see cref="New"/>) or changed.</summary>
internal sealed record NftPortChange(ServicePortName Name, NftAppliedPort? Old, NftAppliedPort? New);
