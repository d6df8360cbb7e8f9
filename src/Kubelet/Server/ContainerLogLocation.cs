namespace Orchestrator.Kubelet.Server;

/// <summary>A container instance's CRI log file, its runtime id, and whether it was running when looked up.</summary>
public sealed record ContainerLogLocation(string Path, string ContainerId, bool Running);
