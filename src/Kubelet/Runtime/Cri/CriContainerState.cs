namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>The CRI container states (runtime.v1 ContainerState).</summary>
internal enum CriContainerState
{
    Created,
    Running,
    Exited,
    Unknown,
}
