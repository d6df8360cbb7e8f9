namespace Orchestrator.Scheduler.Plugins.PodTopologySpread;

/// <summary>
/// DoNotSchedule constraints filter: placing the pod must keep (matching pods in the domain + 1) - (global minimum)
/// within maxSkew. ScheduleAnyway constraints score (fewer matching pods in the node's domains is better).
/// Cluster-level default constraints are not applied.
/// </summary>
internal sealed partial class PodTopologySpread : IPreFilterPlugin, IFilterPlugin
{
    public const string PluginName = "PodTopologySpread";
    public const string ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
    public const string ErrReasonNodeLabelNotMatch = ErrReasonConstraintsNotMatch + " (missing required label)";
    private const string StateKey = "PreFilter" + PluginName;

    public string Name => PluginName;

    public Status PreFilter(CycleState state, PodInfo pod, Snapshot snapshot)
    {
        var constraints = SpreadConstraint.For(pod.Pod, "DoNotSchedule");
        if (constraints.Length == 0)
        {
            state.SkipFilterPlugins.Add(PluginName);
            return Status.Success;
        }

        var ns = pod.Pod.Metadata.NamespaceProperty ?? string.Empty;
        var s = new FilterState(constraints);
        foreach (var node in snapshot.Nodes)
        {
            if (!HasAllKeys(node, constraints))
            {
                continue;
            }

            foreach (var c in constraints)
            {
                if (!c.NodeCounts(pod.Pod, node))
                {
                    continue;
                }

                var pair = new TopologyPair(c.TopologyKey, node.Labels![c.TopologyKey]);
                s.MatchNum[pair] = s.MatchNum.GetValueOrDefault(pair) + c.CountMatching(node, ns);
            }
        }

        foreach (var (pair, count) in s.MatchNum)
        {
            s.Domains[pair.Key] = s.Domains.GetValueOrDefault(pair.Key) + 1;
            s.MinMatch[pair.Key] = s.MinMatch.TryGetValue(pair.Key, out var min) ? Math.Min(min, count) : count;
        }

        state.Write(StateKey, s);
        return Status.Success;
    }

    public Status Filter(CycleState state, V1Pod pod, NodeInfo nodeInfo)
    {
        var s = state.Read<FilterState>(StateKey);
        if (s is null)
        {
            return Status.Error("PodTopologySpread: PreFilter state missing");
        }

        var labels = nodeInfo.Labels;
        foreach (var c in s.Constraints)
        {
            if (labels is null || !labels.TryGetValue(c.TopologyKey, out var value))
            {
                return Status.Unresolvable(ErrReasonNodeLabelNotMatch);
            }

            var selfMatch = c.Selector.Matches(pod.Metadata.Labels) ? 1 : 0;
            var minMatch = s.Domains.GetValueOrDefault(c.TopologyKey) < c.MinDomains ? 0 : s.MinMatch.GetValueOrDefault(c.TopologyKey);
            var matchNum = s.MatchNum.GetValueOrDefault(new TopologyPair(c.TopologyKey, value));
            if (matchNum + selfMatch - minMatch > c.MaxSkew)
            {
                return Status.Unschedulable(ErrReasonConstraintsNotMatch);
            }
        }

        return Status.Success;
    }

    private static bool HasAllKeys(NodeInfo node, SpreadConstraint[] constraints)
    {
        if (node.Labels is not { } labels)
        {
            return false;
        }

        foreach (var c in constraints)
        {
            if (!labels.ContainsKey(c.TopologyKey))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class FilterState(SpreadConstraint[] constraints)
    {
        public SpreadConstraint[] Constraints { get; } = constraints;

        public Dictionary<TopologyPair, long> MatchNum { get; } = [];

        public Dictionary<string, long> MinMatch { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> Domains { get; } = new(StringComparer.Ordinal);
    }
}
