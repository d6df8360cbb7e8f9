using k8s.Models;

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
}
