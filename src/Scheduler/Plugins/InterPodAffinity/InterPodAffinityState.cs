namespace Orchestrator.Scheduler.Plugins.InterPodAffinity;

/// <summary>PreFilter output: matched-term counts per topology domain.</summary>
internal sealed class InterPodAffinityState
{
    /// <summary>Namespace labels of the snapshot the counts came from (for namespaceSelector terms).</summary>
    public Func<string, IDictionary<string, string>?> NamespaceLabels { get; init; } = _ => null;

    /// <summary>Domains where some existing pod's required anti-affinity term selects the incoming pod.</summary>
    public Dictionary<TopologyPair, long> ExistingAntiAffinityCounts { get; } = [];

    /// <summary>Domains holding pods that match all of the incoming pod's required affinity terms.</summary>
    public Dictionary<TopologyPair, long> AffinityCounts { get; } = [];

    /// <summary>Domains holding pods matched by one of the incoming pod's required anti-affinity terms.</summary>
    public Dictionary<TopologyPair, long> AntiAffinityCounts { get; } = [];

    public static void Increment(Dictionary<TopologyPair, long> counts, NodeInfo node, string topologyKey)
    {
        if (node.Labels is { } labels && labels.TryGetValue(topologyKey, out var value))
        {
            var pair = new TopologyPair(topologyKey, value);
            counts[pair] = counts.GetValueOrDefault(pair) + 1;
        }
    }
}
