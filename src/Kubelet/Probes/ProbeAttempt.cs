namespace Orchestrator.Kubelet.Probes;

/// <summary>What a worker needs for one attempt, read under the manager's lock.</summary>
internal sealed record ProbeAttempt(V1Pod Pod, string PodIp, bool Started, DateTime Now, ProbeRunner Runner);
