namespace Orchestrator.Scheduler.Plugins.NodeResourcesBalancedAllocation;

/// <summary>Prefers nodes whose cpu and memory utilisation (after placing the pod) stay balanced: (1 - stddev) * 100.</summary>
internal sealed class NodeResourcesBalancedAllocation : IScorePlugin
{
    public const string PluginName = "NodeResourcesBalancedAllocation";

    public string Name => PluginName;

    public long Score(CycleState state, V1Pod pod, NodeInfo nodeInfo)
    {
        var request = state.PodInfoFor(pod).Requests;
        var allocatable = nodeInfo.Allocatable;
        Span<double> fractions = stackalloc double[2];
        var count = 0;
        if (allocatable.MilliCpu > 0)
        {
            fractions[count++] = Fraction(nodeInfo.Requested.MilliCpu + request.MilliCpu, allocatable.MilliCpu);
        }

        if (allocatable.Memory > 0)
        {
            fractions[count++] = Fraction(nodeInfo.Requested.Memory + request.Memory, allocatable.Memory);
        }

        // With two resources the standard deviation is half their difference (upstream's shortcut).
        var std = count == 2 ? Math.Abs(fractions[0] - fractions[1]) / 2 : 0;
        return (long)((1 - std) * IScorePlugin.MaxNodeScore);
    }

    public void NormalizeScores(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes, Span<long> scores)
    {
        // Already 0..100.
    }

    private static double Fraction(long requested, long allocatable) => Math.Min(1.0, (double)requested / allocatable);
}
