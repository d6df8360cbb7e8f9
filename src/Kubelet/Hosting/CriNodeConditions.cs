using Grpc.Core;
using k8s.Models;
using Orchestrator.Kubelet.Cri;
using Orchestrator.Kubelet.Cri.Api;
using Orchestrator.Kubelet.Node;

namespace Orchestrator.Kubelet.Hosting;

/// <summary>A real node's conditions: CRI Status (RuntimeReady, NetworkReady) and the machine's memory, disk and PID usage.</summary>
public sealed class CriNodeConditions(CriClient cri, string kubeletRoot, NodeReservations reservations) : INodeConditionSource
{
    public async Task<IList<V1NodeCondition>> ComputeAsync(IEnumerable<V1NodeCondition>? previous, DateTime now, CancellationToken ct)
    {
        IReadOnlyList<Node.RuntimeCondition>? runtime;
        try
        {
            var status = await cri.Runtime.StatusAsync(new StatusRequest(), cancellationToken: ct);
            runtime = status.Status?.Conditions.Select(c => new Node.RuntimeCondition(c.Type, c.Status, c.Reason, c.Message)).ToList();
        }
        catch (RpcException)
        {
            runtime = null; // the runtime does not answer: NotReady, as upstream
        }

        return NodeConditionsCalculator.Compute(MachineInfoReader.ReadUsage(kubeletRoot), runtime, reservations, previous, now);
    }
}
