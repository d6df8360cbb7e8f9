namespace Orchestrator.Scheduler.Plugins.NodeName;

/// <summary>A pod that names a node (spec.nodeName) fits only that node.</summary>
internal sealed class NodeName : IFilterPlugin
{
    public const string PluginName = "NodeName";
    public const string ErrReason = "node(s) didn't match the requested node name";

    public string Name => PluginName;

    public Status Filter(CycleState state, V1Pod pod, NodeInfo nodeInfo) =>
        string.IsNullOrEmpty(pod.Spec?.NodeName) || pod.Spec.NodeName == nodeInfo.Name
            ? Status.Success
            : Status.Unresolvable(ErrReason);
}
