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

    /// <summary>Stops every container of the pod within <paramref name="gracePeriod"/> and forgets it.</summary>
    Task KillAsync(V1Pod pod, TimeSpan gracePeriod, CancellationToken ct);
}
