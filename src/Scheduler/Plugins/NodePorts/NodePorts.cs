namespace Orchestrator.Scheduler.Plugins.NodePorts;

/// <summary>A pod's host ports must not collide (protocol, port, overlapping IP) with ports used on the node.</summary>
internal sealed class NodePorts : IPreFilterPlugin, IFilterPlugin
{
    public const string PluginName = "NodePorts";
    public const string ErrReason = "node(s) didn't have free ports for the requested pod ports";

    public string Name => PluginName;

    public Status PreFilter(CycleState state, PodInfo pod, Snapshot snapshot)
    {
        if (pod.HostPorts.Count == 0)
        {
            state.SkipFilterPlugins.Add(PluginName);
        }

        return Status.Success;
    }

    public Status Filter(CycleState state, V1Pod pod, NodeInfo nodeInfo)
    {
        var wanted = state.PodInfoFor(pod).HostPorts;
        foreach (var port in wanted)
        {
            foreach (var used in nodeInfo.UsedPorts)
            {
                if (port.ConflictsWith(used))
                {
                    return Status.Unschedulable(ErrReason);
                }
            }
        }

        return Status.Success;
    }
}
