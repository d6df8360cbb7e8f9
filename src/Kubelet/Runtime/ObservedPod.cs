namespace Orchestrator.Kubelet.Runtime;

/// <summary>What the runtime sees of one pod: its containers, and when the next change is due (if it knows).</summary>
public sealed record ObservedPod(IReadOnlyList<ObservedContainer> Containers, TimeSpan? NextChangeIn = null);

/// <summary>The state of one container as the runtime reports it.</summary>
public sealed record ObservedContainer(
    string Name,
    ContainerRunState State,
    int RestartCount,
    DateTime? StartedAt = null,
    DateTime? FinishedAt = null,
    int? ExitCode = null,
    string? Reason = null,
    string? ContainerId = null,
    string? ImageId = null,
    ObservedContainer? LastTermination = null);

/// <summary>The CRI container states, plus Waiting for a container not (yet) created or restarting.</summary>
public enum ContainerRunState
{
    Waiting,
    Running,
    Exited,
}
