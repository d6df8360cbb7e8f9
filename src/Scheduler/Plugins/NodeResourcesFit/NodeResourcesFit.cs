namespace Orchestrator.Scheduler.Plugins.NodeResourcesFit;

/// <summary>
/// Filter: the pod's effective requests must fit into allocatable minus the requests of assigned and assumed pods,
/// and the pod count must stay within allocatable pods. Score: LeastAllocated over cpu and memory (weights 1/1).
/// </summary>
internal sealed class NodeResourcesFit : IFilterPlugin, IScorePlugin
{
    public const string PluginName = "NodeResourcesFit";
    public const string TooManyPods = "Too many pods";

    public string Name => PluginName;

    public Status Filter(CycleState state, V1Pod pod, NodeInfo nodeInfo)
    {
        var request = state.PodInfoFor(pod).Requests;
        var allocatable = nodeInfo.Allocatable;
        var requested = nodeInfo.Requested;
        List<string>? reasons = null;
        if (nodeInfo.Pods.Count + 1 > allocatable.AllowedPodNumber)
        {
            (reasons ??= []).Add(TooManyPods);
        }

        if (request.MilliCpu > 0 && request.MilliCpu > allocatable.MilliCpu - requested.MilliCpu)
        {
            (reasons ??= []).Add("Insufficient cpu");
        }

        if (request.Memory > 0 && request.Memory > allocatable.Memory - requested.Memory)
        {
            (reasons ??= []).Add("Insufficient memory");
        }

        if (request.EphemeralStorage > 0 && request.EphemeralStorage > allocatable.EphemeralStorage - requested.EphemeralStorage)
        {
            (reasons ??= []).Add("Insufficient ephemeral-storage");
        }

        if (request.Scalar is not null)
        {
            foreach (var (name, value) in request.Scalar)
            {
                if (value > 0 && value > allocatable.GetScalar(name) - requested.GetScalar(name))
                {
                    (reasons ??= []).Add($"Insufficient {name}");
                }
            }
        }

        return reasons is null ? Status.Success : Status.Unschedulable([.. reasons]);
    }

    public long Score(CycleState state, V1Pod pod, NodeInfo nodeInfo)
    {
        var info = state.PodInfoFor(pod);
        var cpu = LeastAllocated(nodeInfo.NonZeroMilliCpu + info.NonZeroMilliCpu, nodeInfo.Allocatable.MilliCpu);
        var memory = LeastAllocated(nodeInfo.NonZeroMemory + info.NonZeroMemory, nodeInfo.Allocatable.Memory);
        return (cpu + memory) / 2;
    }

    public void NormalizeScores(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes, Span<long> scores)
    {
        // Already 0..100.
    }

    public static long LeastAllocated(long requested, long capacity) =>
        capacity == 0 || requested > capacity ? 0 : (capacity - requested) * IScorePlugin.MaxNodeScore / capacity;
}
