namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>The pod-wide facts a container start needs.</summary>
internal sealed record StartContext(V1Pod Pod, string SandboxId, string PodIp, PodVolumes Volumes, PodRuntimeState State, SyncResult Sync);
