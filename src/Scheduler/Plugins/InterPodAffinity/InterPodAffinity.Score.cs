namespace Orchestrator.Scheduler.Plugins.InterPodAffinity;

internal sealed partial class InterPodAffinity : IPreScorePlugin, IScorePlugin
{
    /// <summary>Upstream's default hardPodAffinityWeight: existing pods' required affinity counts 1 per match.</summary>
    public const int HardPodAffinityWeight = 1;
    private const string ScoreStateKey = "PreScore" + PluginName;

    public Status PreScore(CycleState state, PodInfo pod, Snapshot snapshot, IReadOnlyList<NodeInfo> feasibleNodes)
    {
        var hasPreferred = pod.PreferredAffinityTerms.Count > 0 || pod.PreferredAntiAffinityTerms.Count > 0;
        var nodes = hasPreferred ? snapshot.Nodes : snapshot.NodesWithPodsWithAffinity;
        var scores = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        var nsLabels = snapshot.NamespaceLabels;
        foreach (var node in nodes)
        {
            if (node.Labels is null)
            {
                continue;
            }

            var existingPods = hasPreferred ? node.Pods : node.PodsWithAffinity;
            foreach (var existing in existingPods)
            {
                foreach (var term in pod.PreferredAffinityTerms)
                {
                    Add(scores, node, term, existing.Pod, term.Weight, nsLabels);
                }

                foreach (var term in pod.PreferredAntiAffinityTerms)
                {
                    Add(scores, node, term, existing.Pod, -term.Weight, nsLabels);
                }

                foreach (var term in existing.RequiredAffinityTerms)
                {
                    Add(scores, node, term, pod.Pod, HardPodAffinityWeight, nsLabels);
                }

                foreach (var term in existing.PreferredAffinityTerms)
                {
                    Add(scores, node, term, pod.Pod, term.Weight, nsLabels);
                }

                foreach (var term in existing.PreferredAntiAffinityTerms)
                {
                    Add(scores, node, term, pod.Pod, -term.Weight, nsLabels);
                }
            }
        }

        if (scores.Count == 0)
        {
            state.SkipScorePlugins.Add(PluginName);
        }

        state.Write(ScoreStateKey, scores);
        return Status.Success;
    }

    public long Score(CycleState state, V1Pod pod, NodeInfo nodeInfo)
    {
        var scores = state.Read<Dictionary<string, Dictionary<string, long>>>(ScoreStateKey);
        if (scores is null || nodeInfo.Labels is not { } labels)
        {
            return 0;
        }

        long total = 0;
        foreach (var (key, values) in scores)
        {
            if (labels.TryGetValue(key, out var value))
            {
                total += values.GetValueOrDefault(value);
            }
        }

        return total;
    }

    public void NormalizeScores(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes, Span<long> scores)
    {
        if (scores.IsEmpty)
        {
            return;
        }

        long min = long.MaxValue, max = long.MinValue;
        foreach (var s in scores)
        {
            min = Math.Min(min, s);
            max = Math.Max(max, s);
        }

        var diff = max - min;
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = diff > 0 ? (long)(IScorePlugin.MaxNodeScore * ((double)(scores[i] - min) / diff)) : 0;
        }
    }

    private static void Add(Dictionary<string, Dictionary<string, long>> scores, NodeInfo node, AffinityTerm term, V1Pod target, long weight, Func<string, IDictionary<string, string>?> nsLabels)
    {
        if (weight == 0 || !node.Labels!.TryGetValue(term.TopologyKey, out var value) || !term.Matches(target, nsLabels))
        {
            return;
        }

        if (!scores.TryGetValue(term.TopologyKey, out var byValue))
        {
            byValue = new Dictionary<string, long>(StringComparer.Ordinal);
            scores[term.TopologyKey] = byValue;
        }

        byValue[value] = byValue.GetValueOrDefault(value) + weight;
    }
}
