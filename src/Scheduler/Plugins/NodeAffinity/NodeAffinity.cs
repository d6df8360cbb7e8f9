using Orchestrator.ApiMachinery.Scheduling;

namespace Orchestrator.Scheduler.Plugins.NodeAffinity;

/// <summary>
/// Filter: spec.nodeSelector and required node affinity must match the node's labels (and metadata.name fields).
/// Score: sum of the weights of matching preferred terms, normalized to 0..100.
/// </summary>
internal sealed class NodeAffinity : IFilterPlugin, IScorePlugin
{
    public const string PluginName = "NodeAffinity";
    public const string ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";

    public string Name => PluginName;

    public Status Filter(CycleState state, V1Pod pod, NodeInfo nodeInfo)
    {
        if (nodeInfo.Node is null)
        {
            return Status.Unresolvable(ErrReasonPod);
        }

        return Matches(pod, nodeInfo.Node) ? Status.Success : Status.Unresolvable(ErrReasonPod);
    }

    /// <summary>Whether the node satisfies the pod's nodeSelector and required node affinity (shared with PodTopologySpread).</summary>
    public static bool Matches(V1Pod pod, V1Node node) => NodeSelectors.MatchesRequired(pod.Spec, node);

    public long Score(CycleState state, V1Pod pod, NodeInfo nodeInfo)
    {
        var preferred = pod.Spec?.Affinity?.NodeAffinity?.PreferredDuringSchedulingIgnoredDuringExecution;
        if (preferred is null || nodeInfo.Node is null)
        {
            return 0;
        }

        long score = 0;
        foreach (var term in preferred)
        {
            if (term.Weight != 0 && NodeSelectors.MatchesTerm(term.Preference, nodeInfo.Node))
            {
                score += term.Weight;
            }
        }

        return score;
    }

    public void NormalizeScores(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes, Span<long> scores) =>
        ScoreNormalizer.Default(IScorePlugin.MaxNodeScore, reverse: false, scores);
}
