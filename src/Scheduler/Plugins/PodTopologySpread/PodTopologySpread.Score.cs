namespace Orchestrator.Scheduler.Plugins.PodTopologySpread;

internal sealed partial class PodTopologySpread : IPreScorePlugin, IScorePlugin
{
    private const string HostnameKey = "kubernetes.io/hostname";
    private const string ScoreStateKey = "PreScore" + PluginName;

    public Status PreScore(CycleState state, PodInfo pod, Snapshot snapshot, IReadOnlyList<NodeInfo> feasibleNodes)
    {
        var constraints = SpreadConstraint.For(pod.Pod, "ScheduleAnyway");
        if (constraints.Length == 0)
        {
            state.SkipScorePlugins.Add(PluginName);
            return Status.Success;
        }

        var s = new ScoreState(constraints);
        var domains = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var node in feasibleNodes)
        {
            if (!HasAllKeys(node, constraints))
            {
                s.Ignored.Add(node.Name);
                continue;
            }

            foreach (var c in constraints)
            {
                var value = node.Labels![c.TopologyKey];
                if (!domains.TryGetValue(c.TopologyKey, out var set))
                {
                    domains[c.TopologyKey] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.Add(value);
                if (c.TopologyKey != HostnameKey)
                {
                    s.PodCounts[new TopologyPair(c.TopologyKey, value)] = 0;
                }
            }
        }

        for (var i = 0; i < constraints.Length; i++)
        {
            var count = constraints[i].TopologyKey == HostnameKey
                ? feasibleNodes.Count - s.Ignored.Count
                : domains.GetValueOrDefault(constraints[i].TopologyKey)?.Count ?? 0;
            s.Weights[i] = Math.Log(count + 2);
        }

        var ns = pod.Pod.Metadata.NamespaceProperty ?? string.Empty;
        foreach (var node in snapshot.Nodes)
        {
            if (!HasAllKeys(node, constraints))
            {
                continue;
            }

            foreach (var c in constraints)
            {
                var pair = new TopologyPair(c.TopologyKey, node.Labels![c.TopologyKey]);
                if (c.TopologyKey != HostnameKey && s.PodCounts.ContainsKey(pair) && c.NodeCounts(pod.Pod, node))
                {
                    s.PodCounts[pair] += c.CountMatching(node, ns);
                }
            }
        }

        state.Write(ScoreStateKey, s);
        return Status.Success;
    }

    public long Score(CycleState state, V1Pod pod, NodeInfo nodeInfo)
    {
        var s = state.Read<ScoreState>(ScoreStateKey);
        if (s is null || s.Ignored.Contains(nodeInfo.Name) || nodeInfo.Labels is not { } labels)
        {
            return 0;
        }

        double score = 0;
        var ns = pod.Metadata.NamespaceProperty ?? string.Empty;
        for (var i = 0; i < s.Constraints.Length; i++)
        {
            var c = s.Constraints[i];
            if (!labels.TryGetValue(c.TopologyKey, out var value))
            {
                continue;
            }

            var count = c.TopologyKey == HostnameKey ? c.CountMatching(nodeInfo, ns) : s.PodCounts.GetValueOrDefault(new TopologyPair(c.TopologyKey, value));
            score += (count * s.Weights[i]) + (c.MaxSkew - 1);
        }

        return (long)Math.Round(score);
    }

    public void NormalizeScores(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes, Span<long> scores)
    {
        var s = state.Read<ScoreState>(ScoreStateKey);
        if (s is null)
        {
            return;
        }

        long min = long.MaxValue, max = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (s.Ignored.Contains(nodes[i].Name))
            {
                continue;
            }

            min = Math.Min(min, scores[i]);
            max = Math.Max(max, scores[i]);
        }

        for (var i = 0; i < scores.Length; i++)
        {
            if (s.Ignored.Contains(nodes[i].Name))
            {
                scores[i] = 0;
            }
            else
            {
                scores[i] = max == 0 ? IScorePlugin.MaxNodeScore : IScorePlugin.MaxNodeScore * (max + min - scores[i]) / max;
            }
        }
    }

    private sealed class ScoreState(SpreadConstraint[] constraints)
    {
        public SpreadConstraint[] Constraints { get; } = constraints;

        public double[] Weights { get; } = new double[constraints.Length];

        public Dictionary<TopologyPair, long> PodCounts { get; } = [];

        public HashSet<string> Ignored { get; } = new(StringComparer.Ordinal);
    }
}
