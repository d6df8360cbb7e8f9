using k8s.Models;

namespace Orchestrator.ControllerManager.Controllers.ReplicaSet;

/// <summary>
/// Label selector matching with apimachinery's semantics: a null selector matches nothing, an empty
/// one matches everything; matchLabels and matchExpressions are ANDed.
/// </summary>
internal static class LabelSelectors
{
    public static bool Matches(V1LabelSelector? selector, IDictionary<string, string>? labels)
    {
        if (selector is null)
        {
            return false;
        }

        labels ??= new Dictionary<string, string>();
        if (selector.MatchLabels is { } matchLabels)
        {
            foreach (var (key, value) in matchLabels)
            {
                if (!labels.TryGetValue(key, out var actual) || actual != value)
                {
                    return false;
                }
            }
        }

        foreach (var requirement in selector.MatchExpressions ?? [])
        {
            if (!Matches(requirement, labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for a non-null selector without any requirement: it would select every object.</summary>
    public static bool IsEmpty(V1LabelSelector? selector) =>
        selector is not null && (selector.MatchLabels is null || selector.MatchLabels.Count == 0) && (selector.MatchExpressions is null || selector.MatchExpressions.Count == 0);

    private static bool Matches(V1LabelSelectorRequirement requirement, IDictionary<string, string> labels)
    {
        var present = labels.TryGetValue(requirement.Key, out var value);
        var values = requirement.Values ?? [];
        return requirement.OperatorProperty switch
        {
            "In" => present && values.Contains(value!),
            "NotIn" => !present || !values.Contains(value!),
            "Exists" => present,
            "DoesNotExist" => !present,
            _ => throw new InvalidOperationException($"\"{requirement.OperatorProperty}\" is not a valid label selector operator"),
        };
    }
}
