namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>The CRI container states (runtime.v1 ContainerState).</summary>
public enum CriContainerState
{
    Created,
    Running,
    Exited,
    Unknown,
}
