namespace Orchestrator.ApiMachinery.Scheduling;

/// <summary>
/// Taint/toleration matching with upstream's semantics (k8s.io/api core/v1 toleration.go
/// <c>ToleratesTaint</c>): an empty effect matches every effect, an empty key with <c>Exists</c>
/// matches every taint, and <c>Equal</c> (or no operator) compares values. API validation refuses
/// <c>Equal</c> without a key, so matching does not re-check it. The one copy every component uses.
/// </summary>
public static class Tolerations
{
    public static bool Tolerates(V1Toleration toleration, V1Taint taint)
    {
        ArgumentNullException.ThrowIfNull(toleration);
        ArgumentNullException.ThrowIfNull(taint);
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != taint.Effect)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(toleration.Key) && toleration.Key != taint.Key)
        {
            return false;
        }

        return toleration.OperatorProperty switch
        {
            null or "" or "Equal" => (toleration.Value ?? "") == (taint.Value ?? ""),
            "Exists" => true,
            _ => false,
        };
    }

    /// <summary>Whether any of <paramref name="tolerations"/> tolerates <paramref name="taint"/>.</summary>
    public static bool Tolerated(V1Taint taint, IEnumerable<V1Toleration>? tolerations) =>
        tolerations?.Any(t => Tolerates(t, taint)) == true;

    /// <summary>The first taint (in node order) passing <paramref name="filter"/> that no toleration tolerates.</summary>
    public static V1Taint? FindUntolerated(IEnumerable<V1Taint>? taints, IEnumerable<V1Toleration>? tolerations, Func<V1Taint, bool> filter) =>
        taints?.FirstOrDefault(taint => filter(taint) && !Tolerated(taint, tolerations));

    /// <summary>
    /// Upstream's MergeTolerations (pkg/util/tolerations): both lists in order, <paramref name="first"/> then
    /// <paramref name="second"/>, keeping a toleration only when no other one tolerates a superset of it (of two equal
    /// ones the first stays). The RuntimeClass admission plugin merges a class's tolerations into a pod's with it.
    /// </summary>
    public static IReadOnlyList<V1Toleration> Merge(IEnumerable<V1Toleration>? first, IEnumerable<V1Toleration>? second)
    {
        var all = (first ?? []).Concat(second ?? []).ToList();
        var merged = new List<V1Toleration>();
        for (var i = 0; i < all.Count; i++)
        {
            var toleration = all[i];
            var redundant = merged.Any(kept => IsSuperset(kept, toleration))
                || all.Skip(i + 1).Any(later => !Same(toleration, later) && IsSuperset(later, toleration));
            if (!redundant)
            {
                merged.Add(toleration);
            }
        }

        return merged;
    }

    /// <summary>Whether <paramref name="superset"/> tolerates every taint <paramref name="toleration"/> does (upstream's isSuperset).</summary>
    public static bool IsSuperset(V1Toleration superset, V1Toleration toleration)
    {
        ArgumentNullException.ThrowIfNull(superset);
        ArgumentNullException.ThrowIfNull(toleration);
        if (Same(superset, toleration))
        {
            return true;
        }

        // An empty key with Exists matches every key; an empty effect every effect.
        if (Text(toleration.Key) != Text(superset.Key) && (Text(superset.Key) != "" || superset.OperatorProperty != "Exists"))
        {
            return false;
        }

        if (Text(toleration.Effect) != Text(superset.Effect) && Text(superset.Effect) != "")
        {
            return false;
        }

        if (superset.Effect == "NoExecute" && superset.TolerationSeconds is { } limit
            && (toleration.TolerationSeconds is not { } seconds || seconds > limit))
        {
            return false;
        }

        return Text(superset.OperatorProperty) switch
        {
            "" or "Equal" => toleration.OperatorProperty == "Equal" && Text(toleration.Value) == Text(superset.Value),
            "Exists" => true,
            _ => false,
        };
    }

    /// <summary>Field-by-field equality (upstream's semantic DeepEqual of two tolerations; unset and empty strings differ there only in Go's zero value, which is "").</summary>
    private static bool Same(V1Toleration a, V1Toleration b) =>
        Text(a.Key) == Text(b.Key) && Text(a.OperatorProperty) == Text(b.OperatorProperty) && Text(a.Value) == Text(b.Value)
        && Text(a.Effect) == Text(b.Effect) && a.TolerationSeconds == b.TolerationSeconds;

    private static string Text(string? value) => value ?? "";
}
