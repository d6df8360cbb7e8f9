namespace Orchestrator.Kubelet.Runtime;

/// <summary>
/// What the runtime sees of one pod: its containers (and init containers), when the next change is
/// due (if it knows), the pod's IP and whether its sandbox is ready.
/// </summary>
public sealed record ObservedPod(IReadOnlyList<ObservedContainer> Containers, TimeSpan? NextChangeIn = null)
{
    public IReadOnlyList<ObservedContainer> InitContainers { get; init; } = [];

    /// <summary>The pod's ephemeral containers (never probed, never restarted), by name.</summary>
    public IReadOnlyList<ObservedContainer> EphemeralContainers { get; init; } = [];

    /// <summary>The IP the runtime gave the pod, or null while it has none (the status then keeps the one it has).</summary>
    public string? PodIp { get; init; }

    /// <summary>Whether the pod's sandbox is up (the PodReadyToStartContainers condition).</summary>
    public bool SandboxReady { get; init; } = true;
}

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
    ObservedContainer? LastTermination = null)
{
    /// <summary>Waiting or terminated message (e.g. an image pull error, a termination message).</summary>
    public string? Message { get; init; }

    /// <summary>Readiness as probes say; null: ready whenever running.</summary>
    public bool? Ready { get; init; }

    /// <summary>Whether the startup probe passed; null: started whenever running.</summary>
    public bool? Started { get; init; }
}

/// <summary>The CRI container states, plus Waiting for a container not (yet) created or restarting.</summary>
public enum ContainerRunState
{
    Waiting,
    Running,
    Exited,
}
