namespace Orchestrator.Scheduler.Plugins.InterPodAffinity;

/// <summary>
/// Required pod affinity / anti-affinity (and existing pods' anti-affinity toward the incoming pod) as filters;
/// preferred terms (both directions) and existing pods' required affinity (weight 1) as a score.
/// </summary>
internal sealed partial class InterPodAffinity : IPreFilterPlugin, IFilterPlugin
{
    public const string PluginName = "InterPodAffinity";
    public const string ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";
    public const string ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";
    public const string ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";
    private const string StateKey = "PreFilter" + PluginName;

    public string Name => PluginName;

    public Status PreFilter(CycleState state, PodInfo pod, Snapshot snapshot)
    {
        var nsLabels = snapshot.NamespaceLabels;
        var result = new InterPodAffinityState { NamespaceLabels = nsLabels };
        foreach (var node in snapshot.NodesWithPodsWithRequiredAntiAffinity)
        {
            foreach (var existing in node.PodsWithRequiredAntiAffinity)
            {
                foreach (var term in existing.RequiredAntiAffinityTerms)
                {
                    if (term.Matches(pod.Pod, nsLabels))
                    {
                        InterPodAffinityState.Increment(result.ExistingAntiAffinityCounts, node, term.TopologyKey);
                    }
                }
            }
        }

        if (pod.RequiredAffinityTerms.Count > 0 || pod.RequiredAntiAffinityTerms.Count > 0)
        {
            foreach (var node in snapshot.Nodes)
            {
                foreach (var existing in node.Pods)
                {
                    if (pod.RequiredAffinityTerms.Count > 0 && MatchesAll(pod.RequiredAffinityTerms, existing.Pod, nsLabels))
                    {
                        foreach (var term in pod.RequiredAffinityTerms)
                        {
                            InterPodAffinityState.Increment(result.AffinityCounts, node, term.TopologyKey);
                        }
                    }

                    foreach (var term in pod.RequiredAntiAffinityTerms)
                    {
                        if (term.Matches(existing.Pod, nsLabels))
                        {
                            InterPodAffinityState.Increment(result.AntiAffinityCounts, node, term.TopologyKey);
                        }
                    }
                }
            }
        }
        else if (result.ExistingAntiAffinityCounts.Count == 0)
        {
            state.SkipFilterPlugins.Add(PluginName);
        }

        state.Write(StateKey, result);
        return Status.Success;
    }

    public Status Filter(CycleState state, V1Pod pod, NodeInfo nodeInfo)
    {
        var s = state.Read<InterPodAffinityState>(StateKey);
        var info = state.PodInfoFor(pod);
        if (s is null)
        {
            return Status.Error("InterPodAffinity: PreFilter state missing");
        }

        var labels = nodeInfo.Labels;
        if (s.ExistingAntiAffinityCounts.Count > 0 && labels is not null)
        {
            foreach (var (key, value) in labels)
            {
                if (s.ExistingAntiAffinityCounts.GetValueOrDefault(new TopologyPair(key, value)) > 0)
                {
                    return Status.Unschedulable(ErrReasonExistingAntiAffinityRulesNotMatch);
                }
            }
        }

        if (!SatisfiesAffinity(s, info, labels))
        {
            return Status.Unresolvable(ErrReasonAffinityRulesNotMatch);
        }

        foreach (var term in info.RequiredAntiAffinityTerms)
        {
            if (labels is not null && labels.TryGetValue(term.TopologyKey, out var value)
                && s.AntiAffinityCounts.GetValueOrDefault(new TopologyPair(term.TopologyKey, value)) > 0)
            {
                return Status.Unschedulable(ErrReasonAntiAffinityRulesNotMatch);
            }
        }

        return Status.Success;
    }

    private static bool SatisfiesAffinity(InterPodAffinityState s, PodInfo pod, IDictionary<string, string>? labels)
    {
        var podsExist = true;
        foreach (var term in pod.RequiredAffinityTerms)
        {
            if (labels is null || !labels.TryGetValue(term.TopologyKey, out var value))
            {
                // Every topology key must exist on the node.
                return false;
            }

            if (s.AffinityCounts.GetValueOrDefault(new TopologyPair(term.TopologyKey, value)) <= 0)
            {
                podsExist = false;
                break;
            }
        }

        // The first pod of a group with affinity to itself may go anywhere with the topology labels.
        return podsExist || (s.AffinityCounts.Count == 0 && MatchesAll(pod.RequiredAffinityTerms, pod.Pod, s.NamespaceLabels));
    }

    internal static bool MatchesAll(IReadOnlyList<AffinityTerm> terms, V1Pod pod, Func<string, IDictionary<string, string>?> nsLabels)
    {
        if (terms.Count == 0)
        {
            return false;
        }

        foreach (var term in terms)
        {
            if (!term.Matches(pod, nsLabels))
            {
                return false;
            }
        }

        return true;
    }
}
