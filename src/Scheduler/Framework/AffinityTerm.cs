using Orchestrator.ApiMachinery.Labels;

namespace Orchestrator.Scheduler.Framework;

/// <summary>A pre-processed pod (anti-)affinity term: selector compiled, namespaces resolved, weight attached.</summary>
public sealed class AffinityTerm
{
    public AffinityTerm(V1PodAffinityTerm term, string podNamespace, IDictionary<string, string>? podLabels, int weight = 0)
    {
        TopologyKey = term.TopologyKey ?? string.Empty;
        Selector = LabelSelector.From(term.LabelSelector, term.MatchLabelKeys, podLabels);
        Namespaces = term.Namespaces is { Count: > 0 } ns ? new HashSet<string>(ns, StringComparer.Ordinal) : [];
        NamespaceSelector = term.NamespaceSelector is null ? null : LabelSelector.From(term.NamespaceSelector);
        if (Namespaces.Count == 0 && NamespaceSelector is null)
        {
            // Upstream: no namespaces and no namespaceSelector means "the pod's own namespace".
            Namespaces.Add(podNamespace);
        }

        Weight = weight;
    }

    public string TopologyKey { get; }

    public LabelSelector Selector { get; }

    public HashSet<string> Namespaces { get; }

    /// <summary>Null when the term names namespaces only; an empty selector matches every namespace.</summary>
    public LabelSelector? NamespaceSelector { get; }

    public int Weight { get; }

    /// <summary>Whether <paramref name="pod"/> is selected by this term (namespace and labels).</summary>
    public bool Matches(V1Pod pod, Func<string, IDictionary<string, string>?> namespaceLabels)
    {
        var ns = pod.Metadata.NamespaceProperty ?? string.Empty;
        var nsOk = Namespaces.Contains(ns)
            || (NamespaceSelector is not null && (NamespaceSelector.IsEverything || NamespaceSelector.Matches(namespaceLabels(ns))));
        return nsOk && Selector.Matches(pod.Metadata.Labels);
    }
}
