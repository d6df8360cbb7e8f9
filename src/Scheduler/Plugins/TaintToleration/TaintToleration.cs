using Orchestrator.ApiMachinery.Scheduling;

namespace Orchestrator.Scheduler.Plugins.TaintToleration;

/// <summary>
/// Filter: every NoSchedule/NoExecute taint must be tolerated. Score: fewer untolerated PreferNoSchedule taints
/// is better (reverse-normalized, as upstream).
/// </summary>
internal sealed class TaintToleration : IFilterPlugin, IScorePlugin
{
    public const string PluginName = "TaintToleration";

    public string Name => PluginName;

    public Status Filter(CycleState state, V1Pod pod, NodeInfo nodeInfo)
    {
        var taints = nodeInfo.NoScheduleTaints;
        for (var i = 0; i < taints.Count; i++)
        {
            if (!Tolerations.Tolerated(taints[i], pod.Spec?.Tolerations))
            {
                return Status.Unresolvable($"node(s) had untolerated taint {{{taints[i].Key}: {taints[i].Value}}}");
            }
        }

        return Status.Success;
    }

    public long Score(CycleState state, V1Pod pod, NodeInfo nodeInfo)
    {
        var taints = nodeInfo.Node?.Spec?.Taints;
        if (taints is null)
        {
            return 0;
        }

        // Upstream considers only tolerations with an empty or PreferNoSchedule effect here.
        long count = 0;
        foreach (var taint in taints)
        {
            if (taint.Effect != "PreferNoSchedule")
            {
                continue;
            }

            var tolerated = false;
            foreach (var t in pod.Spec?.Tolerations ?? [])
            {
                if ((string.IsNullOrEmpty(t.Effect) || t.Effect == "PreferNoSchedule") && Tolerations.Tolerates(t, taint))
                {
                    tolerated = true;
                    break;
                }
            }

            if (!tolerated)
            {
                count++;
            }
        }

        return count;
    }

    public void NormalizeScores(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes, Span<long> scores) =>
        ScoreNormalizer.Default(IScorePlugin.MaxNodeScore, reverse: true, scores);
}
