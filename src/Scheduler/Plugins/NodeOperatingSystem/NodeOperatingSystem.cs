namespace Orchestrator.Scheduler.Plugins.NodeOperatingSystem;

/// <summary>
/// Keeps Windows pods on Windows nodes and Linux pods on Linux nodes. The pod's OS is spec.os.name, else its
/// nodeSelector kubernetes.io/os, else linux; the node's OS is its kubernetes.io/os label, else linux.
/// Not an upstream plugin (upstream relies on nodeSelector and taints); its reason string is ours.
/// </summary>
internal sealed class NodeOperatingSystem : IFilterPlugin
{
    public const string PluginName = "NodeOperatingSystem";
    public const string OsLabel = "kubernetes.io/os";
    public const string ErrReason = "node(s) didn't match Pod's operating system";

    public string Name => PluginName;

    public Status Filter(CycleState state, V1Pod pod, NodeInfo nodeInfo) =>
        string.Equals(state.PodInfoFor(pod).OperatingSystem, nodeInfo.OperatingSystem, StringComparison.OrdinalIgnoreCase)
            ? Status.Success
            : Status.Unresolvable(ErrReason);
}
