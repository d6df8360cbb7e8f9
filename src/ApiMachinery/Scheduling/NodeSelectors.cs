namespace Orchestrator.ApiMachinery.Scheduling;

/// <summary>
/// A pod's node selection as upstream's component-helpers nodeaffinity evaluates it, for the scheduler
/// and the DaemonSet controller alike: <c>spec.nodeSelector</c> labels must all be on the node; node
/// selector terms are ORed, the requirements inside a term ANDed, and a term without requirements
/// matches nothing; <c>matchFields</c> supports metadata.name with In and NotIn only.
/// </summary>
public static class NodeSelectors
{
    /// <summary>Upstream's RequiredNodeAffinity.Match: the pod's nodeSelector and its required node affinity.</summary>
    public static bool MatchesRequired(V1PodSpec? spec, V1Node node)
    {
        if (spec?.NodeSelector is { Count: > 0 } selector)
        {
            var labels = node.Metadata.Labels;
            foreach (var (key, value) in selector)
            {
                if (labels is null || !labels.TryGetValue(key, out var actual) || actual != value)
                {
                    return false;
                }
            }
        }

        var required = spec?.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution;
        return required is null || MatchesAnyTerm(required.NodeSelectorTerms, node);
    }

    public static bool MatchesAnyTerm(IList<V1NodeSelectorTerm>? terms, V1Node node)
    {
        if (terms is null)
        {
            return false;
        }

        foreach (var term in terms)
        {
            if (MatchesTerm(term, node))
            {
                return true;
            }
        }

        return false;
    }

    public static bool MatchesTerm(V1NodeSelectorTerm? term, V1Node node)
    {
        var expressions = term?.MatchExpressions;
        var fields = term?.MatchFields;
        if ((expressions is null || expressions.Count == 0) && (fields is null || fields.Count == 0))
        {
            return false;
        }

        var labels = node.Metadata.Labels;
        foreach (var r in expressions ?? [])
        {
            string? value = null;
            var has = labels is not null && labels.TryGetValue(r.Key, out value);
            if (!Matches(r, has, value))
            {
                return false;
            }
        }

        foreach (var r in fields ?? [])
        {
            // Upstream supports only metadata.name as a field; anything else fails the term.
            if (r.Key != "metadata.name" || r.OperatorProperty is not ("In" or "NotIn") || !Matches(r, true, node.Metadata.Name))
            {
                return false;
            }
        }

        return true;
    }

    public static bool Matches(V1NodeSelectorRequirement r, bool has, string? value)
    {
        switch (r.OperatorProperty)
        {
            case "In":
                return has && r.Values is not null && r.Values.Contains(value!);
            case "NotIn":
                return !has || r.Values is null || !r.Values.Contains(value!);
            case "Exists":
                return has;
            case "DoesNotExist":
                return !has;
            case "Gt":
            case "Lt":
                if (!has || r.Values is not { Count: 1 }
                    || !long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var actual)
                    || !long.TryParse(r.Values[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var bound))
                {
                    return false;
                }

                return r.OperatorProperty == "Gt" ? actual > bound : actual < bound;
            default:
                return false;
        }
    }
}
