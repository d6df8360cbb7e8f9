namespace Orchestrator.Kubelet.Node;

/// <summary>
/// What is held back from capacity and when pressure is reported. Allocatable = capacity − reserved −
/// hard eviction threshold, as upstream's node allocatable. Upstream reserves nothing for system/kube by
/// default; its default hard eviction thresholds are memory.available &lt; 100Mi and nodefs.available &lt; 10 %,
/// which is what <see cref="Default"/> holds. Upstream has no default pid.available threshold;
/// PIDPressure here uses <see cref="PidAvailableFraction"/> (10 % of the PID limit left), our choice.
/// </summary>
internal sealed record NodeReservations(
    long ReservedCpuMillis = 0,
    long ReservedMemoryBytes = 0,
    long ReservedEphemeralStorageBytes = 0,
    long EvictionMemoryAvailableBytes = 100 * 1024 * 1024,
    float EvictionNodeFsAvailableFraction = 0.10f,
    float PidAvailableFraction = 0.10f)
{
    public static NodeReservations Default { get; } = new();
}
