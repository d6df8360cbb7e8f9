namespace Orchestrator.Kubelet.Probes;

/// <summary>A container of the pod that the runtime reports running; <paramref name="StartedAt"/> (UTC) anchors initialDelaySeconds.</summary>
internal sealed record RunningContainer(string Name, string ContainerId, DateTime StartedAt);
