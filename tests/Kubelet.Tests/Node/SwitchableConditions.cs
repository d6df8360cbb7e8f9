using k8s.Models;
using Orchestrator.Kubelet.Node;

namespace Orchestrator.Kubelet.Tests.Node;

/// <summary>A node whose only condition, Ready, is what the test sets (<see cref="Ready"/>), as a runtime's network becoming ready.</summary>
internal sealed class SwitchableConditions : INodeConditionSource
{
    private volatile bool _ready;

    public bool Ready
    {
        get => _ready;
        set => _ready = value;
    }

    public Task<IList<V1NodeCondition>> ComputeAsync(IEnumerable<V1NodeCondition>? previous, DateTime now, CancellationToken ct) =>
        Task.FromResult<IList<V1NodeCondition>>(
        [
            new V1NodeCondition
            {
                Type = "Ready",
                Status = Ready ? "True" : "False",
                Reason = Ready ? "KubeletReady" : "KubeletNotReady",
                LastHeartbeatTime = now,
                LastTransitionTime = now,
            },
        ]);
}
