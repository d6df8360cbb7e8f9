namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>
/// What one sync of a pod does (upstream's podActions): kill the whole pod, (re)create its sandbox,
/// stop some containers, start the next init container or some regular containers.
/// </summary>
internal sealed record PodActions
{
    /// <summary>Stop every container and sandbox of the pod first.</summary>
    public bool KillPod { get; init; }

    /// <summary>Create a new sandbox (with <see cref="Attempt"/>).</summary>
    public bool CreateSandbox { get; init; }

    /// <summary>The sandbox to run containers in when no new one is created.</summary>
    public string? SandboxId { get; init; }

    public uint Attempt { get; init; }

    /// <summary>The init container to start next, if initialisation is still under way.</summary>
    public string? NextInitContainer { get; init; }

    /// <summary>Regular containers to start, in spec order.</summary>
    public IReadOnlyList<string> ContainersToStart { get; init; } = [];

    public IReadOnlyList<ContainerToKill> ContainersToKill { get; init; } = [];

    /// <summary>
    /// Ephemeral containers to start, in spec order: those the runtime has never held (they run once and
    /// are never restarted). Started before any init or regular container, into <see cref="SandboxId"/>.
    /// </summary>
    public IReadOnlyList<string> EphemeralContainersToStart { get; init; } = [];

    /// <summary>Init containers that have exited and are no longer needed once initialisation is done.</summary>
    public bool PodInitialized { get; init; }
}
