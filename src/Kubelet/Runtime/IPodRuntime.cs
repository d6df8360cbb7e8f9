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
    /// restartPolicy) and returns the observed state, with the pod's IP: the runtime networks the
    /// pod (CNI, or the hollow runtime's allocation from <see cref="NodeNetwork.PodCidr"/>).
    /// Called only once the node has a podCIDR (hostNetwork pods: at once). Idempotent.
    /// </summary>
    Task<ObservedPod> SyncAsync(V1Pod pod, NodeNetwork node, CancellationToken ct);

    /// <summary>
    /// Stops every container of the pod within <paramref name="gracePeriod"/> (a finished or deleted
    /// pod) and gives up its IP. What the runtime keeps of stopped containers (logs) stays until
    /// <see cref="RemoveAsync"/>.
    /// </summary>
    Task KillAsync(V1Pod pod, TimeSpan gracePeriod, CancellationToken ct);

    /// <summary>Removes everything the runtime still holds of a pod the API no longer has. Idempotent.</summary>
    Task RemoveAsync(V1Pod pod, CancellationToken ct);
}
