namespace Orchestrator.ApiMachinery.Labels;

/// <summary>
/// A compiled <see cref="V1LabelSelector"/> with apimachinery's semantics: a null selector matches
/// nothing, an empty one everything; matchLabels and matchExpressions are ANDed; an operator
/// validation would refuse matches nothing. The one matcher every component uses.
/// </summary>
public sealed class LabelSelector
{
    private readonly KeyValuePair<string, string>[] _matchLabels;
    private readonly V1LabelSelectorRequirement[] _expressions;
    private readonly bool _nothing;

    private LabelSelector(bool nothing, KeyValuePair<string, string>[] labels, V1LabelSelectorRequirement[] expressions)
    {
        _nothing = nothing;
        _matchLabels = labels;
        _expressions = expressions;
    }

    public static LabelSelector Nothing { get; } = new(true, [], []);

    public static LabelSelector Everything { get; } = new(false, [], []);

    public bool IsEverything => !_nothing && _matchLabels.Length == 0 && _expressions.Length == 0;

    /// <summary>Whether <paramref name="selector"/> selects <paramref name="labels"/> (null selects nothing).</summary>
    public static bool Matches(V1LabelSelector? selector, IDictionary<string, string>? labels) => From(selector).Matches(labels);

    /// <summary>True for a non-null selector without any requirement: it would select every object.</summary>
    public static bool IsEmpty(V1LabelSelector? selector) => From(selector).IsEverything;

    public static LabelSelector From(V1LabelSelector? selector) =>
        selector is null
            ? Nothing
            : new LabelSelector(false, selector.MatchLabels?.ToArray() ?? [], selector.MatchExpressions?.ToArray() ?? []);

    /// <summary>Like <see cref="From"/> but with <c>matchLabelKeys</c> turned into equality requirements on the pod's own labels.</summary>
    public static LabelSelector From(V1LabelSelector? selector, IList<string>? matchLabelKeys, IDictionary<string, string>? podLabels)
    {
        if (selector is null || matchLabelKeys is null || matchLabelKeys.Count == 0 || podLabels is null)
        {
            return From(selector);
        }

        var expressions = new List<V1LabelSelectorRequirement>(selector.MatchExpressions ?? []);
        foreach (var key in matchLabelKeys)
        {
            if (podLabels.TryGetValue(key, out var value))
            {
                expressions.Add(new V1LabelSelectorRequirement { Key = key, OperatorProperty = "In", Values = [value] });
            }
        }

        return new LabelSelector(false, selector.MatchLabels?.ToArray() ?? [], [.. expressions]);
    }

    public bool Matches(IDictionary<string, string>? labels)
    {
        if (_nothing)
        {
            return false;
        }

        foreach (var (key, value) in _matchLabels)
        {
            if (labels is null || !labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        foreach (var requirement in _expressions)
        {
            string? actual = null;
            var has = labels is not null && labels.TryGetValue(requirement.Key, out actual);
            var ok = requirement.OperatorProperty switch
            {
                "In" => has && requirement.Values is not null && requirement.Values.Contains(actual!),
                "NotIn" => !has || requirement.Values is null || !requirement.Values.Contains(actual!),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
