namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>One CRI pod sandbox of a pod, as the runtime reports it.</summary>
internal sealed record SandboxRecord(string Id, uint Attempt, bool Ready, string? Ip, DateTime CreatedAt);
