namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>A running container the plan stops, and why (the Killing event's message).</summary>
internal sealed record ContainerToKill(string Id, string Name, string Message);
