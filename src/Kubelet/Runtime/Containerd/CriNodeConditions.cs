namespace Orchestrator.Kubelet.Runtime.Containerd;

/// <summary>A real node's conditions: CRI Status (RuntimeReady, NetworkReady) and the machine's memory, disk and PID usage.</summary>
internal sealed class CriNodeConditions(CriClient cri, string kubeletRoot, NodeReservations reservations) : INodeConditionSource
{
    public async Task<IList<V1NodeCondition>> ComputeAsync(IEnumerable<V1NodeCondition>? previous, DateTime now, CancellationToken ct)
    {
        var runtime = await CriNodeFacts.ConditionsAsync(cri, ct);
        return NodeConditionsCalculator.Compute(MachineInfoReader.ReadUsage(kubeletRoot), runtime, reservations, previous, now);
    }
}
