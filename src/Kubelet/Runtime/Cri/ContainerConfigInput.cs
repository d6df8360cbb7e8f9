namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>What the kubelet resolved for one container before creating it.</summary>
internal sealed record ContainerConfigInput(
    V1Pod Pod,
    V1Container Container,
    int RestartCount,
    string ImageRef,
    IReadOnlyList<KeyValuePair<string, string>> Env,
    IReadOnlyList<Orchestrator.Kubelet.Volumes.ContainerMount> Mounts)
{
    /// <summary>The node's memory, for the out-of-memory score of burstable pods.</summary>
    public long NodeMemoryBytes { get; init; } = 16L << 30;

    /// <summary>The node's OS (<see cref="NodeOs"/>): a Windows node's containers get a WindowsContainerConfig.</summary>
    public string OperatingSystem { get; init; } = NodeOs.Linux;

    /// <summary>The node's processors, which a Windows CPU limit is a share of (upstream's winstats.ProcessorCount).</summary>
    public int NodeCpuCount { get; init; } = 1;

    /// <summary>
    /// For an ephemeral container with a targetContainerName: the runtime id of that container, whose
    /// process namespace it joins (CRI NamespaceMode TARGET) when the pod does not already share one.
    /// </summary>
    public string? PidTargetId { get; init; }
}
