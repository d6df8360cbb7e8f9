namespace Orchestrator.Kubelet.CriRuntime;

/// <summary>The CRI container states (runtime.v1 ContainerState).</summary>
public enum CriContainerState
{
    Created,
    Running,
    Exited,
    Unknown,
}
