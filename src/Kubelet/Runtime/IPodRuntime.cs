using k8s.Models;

namespace Orchestrator.Kubelet.Runtime;

/// <summary>
/// What a node needs from a container runtime, per pod: make the pod's containers run as its spec
/// says and report what it observes; stop them. The hollow runtime fakes this in memory; the CRI
/// runtime (containerd) implements it with sandboxes and containers. Implementations are
/// thread-safe; calls for one pod are never concurrent (the pod worker serialises them).
/// </summary>
public interface IPodRuntime
{
    /// <summary>"name://version" as the node reports it in nodeInfo.containerRuntimeVersion.</summary>
    string RuntimeVersion { get; }

    /// <summary>
    /// Converges the pod's containers towards the spec (start what should run, restart per
    /// restartPolicy) and returns the observed state. Idempotent.
    /// </summary>
    Task<ObservedPod> SyncAsync(V1Pod pod, string podIp, CancellationToken ct);

    /// <summary>
    /// Whether the runtime gives pods their IPs itself (CNI) and reports them in
    /// <see cref="ObservedPod.PodIp"/>; otherwise the kubelet assigns them from the node's podCIDR.
    /// </summary>
    bool AssignsPodIps { get; }

    /// <summary>
    /// Stops every container of the pod within <paramref name="gracePeriod"/> (a finished or deleted
    /// pod). What the runtime keeps of stopped containers (logs) stays until <see cref="RemoveAsync"/>.
    /// </summary>
    Task KillAsync(V1Pod pod, TimeSpan gracePeriod, CancellationToken ct);

    /// <summary>Removes everything the runtime still holds of a pod the API no longer has. Idempotent.</summary>
    Task RemoveAsync(V1Pod pod, CancellationToken ct);
}
