using Orchestrator.ApiMachinery.Scheduling;

namespace Orchestrator.Scheduler.Plugins.NodeUnschedulable;

/// <summary>Cordoned nodes (spec.unschedulable) take only pods tolerating node.kubernetes.io/unschedulable:NoSchedule.</summary>
internal sealed class NodeUnschedulable : IFilterPlugin
{
    public const string PluginName = "NodeUnschedulable";
    public const string ErrReasonUnschedulable = "node(s) were unschedulable";
    public const string ErrReasonUnknownCondition = "node(s) had unknown conditions";
    public const string TaintKey = "node.kubernetes.io/unschedulable";

    private static readonly V1Taint UnschedulableTaint = new() { Key = TaintKey, Effect = "NoSchedule" };

    public string Name => PluginName;

    public Status Filter(CycleState state, V1Pod pod, NodeInfo nodeInfo)
    {
        if (nodeInfo.Node is null)
        {
            return Status.Unresolvable(ErrReasonUnknownCondition);
        }

        if (nodeInfo.Node.Spec?.Unschedulable != true || Tolerations.Tolerated(UnschedulableTaint, pod.Spec?.Tolerations))
        {
            return Status.Success;
        }

        return Status.Unresolvable(ErrReasonUnschedulable);
    }
}
