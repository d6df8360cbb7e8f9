using Orchestrator.ApiMachinery.Selection;

namespace Orchestrator.ApiMachinery.Labels;

/// <summary>
/// A parsed label selector: the AND of its requirements, sorted by key as upstream sorts them.
/// Built from the <c>labelSelector</c> query parameter (<see cref="Parse"/>) or from an API object's
/// <c>V1LabelSelector</c> (<see cref="FromLabelSelector"/>). Immutable and thread-safe.
/// </summary>
public sealed class LabelRequirements
{
    private readonly bool _matchesNothing;

    private LabelRequirements(IReadOnlyList<LabelRequirement> requirements, bool matchesNothing)
    {
        Requirements = requirements;
        _matchesNothing = matchesNothing;
    }

    /// <summary>Matches every object: an empty query parameter, or a V1LabelSelector without terms.</summary>
    public static LabelRequirements Everything { get; } = new([], matchesNothing: false);

    /// <summary>Matches no object: a null V1LabelSelector (upstream's labels.Nothing()).</summary>
    public static LabelRequirements Nothing { get; } = new([], matchesNothing: true);

    public IReadOnlyList<LabelRequirement> Requirements { get; }

    /// <summary>True when the selector selects everything (no requirement to check).</summary>
    public bool IsEverything => !_matchesNothing && Requirements.Count == 0;

    /// <summary>Parses the query-string syntax (<c>app=web,tier!=db,env in (a,b),!canary</c>).</summary>
    /// <exception cref="SelectorException">The selector is malformed, with upstream's message.</exception>
    public static LabelRequirements Parse(string? selector)
    {
        if (string.IsNullOrEmpty(selector))
        {
            return Everything;
        }

        var requirements = LabelSelectorParser.Parse(selector);
        return requirements.Count == 0 ? Everything : new LabelRequirements(Sorted(requirements), matchesNothing: false);
    }

    /// <summary>
    /// Upstream's LabelSelectorAsSelector: matchLabels as equality requirements, matchExpressions with the
    /// operators In, NotIn, Exists and DoesNotExist. Null selects nothing, an empty selector everything.
    /// </summary>
    /// <exception cref="SelectorException">An operator, key or value is invalid.</exception>
    public static LabelRequirements FromLabelSelector(V1LabelSelector? selector)
    {
        if (selector is null)
        {
            return Nothing;
        }

        var requirements = new List<LabelRequirement>();
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            requirements.Add(LabelRequirement.Create(key, SelectionOperator.Equal, [value ?? ""]));
        }

        foreach (var expression in selector.MatchExpressions ?? [])
        {
            var op = expression.OperatorProperty switch
            {
                "In" => SelectionOperator.In,
                "NotIn" => SelectionOperator.NotIn,
                "Exists" => SelectionOperator.Exists,
                "DoesNotExist" => SelectionOperator.DoesNotExist,
                var other => throw new SelectorException($"{GoText.Quote(other ?? "")} is not a valid label selector operator"),
            };
            // Upstream copies the values into a nil slice, so an empty list prints as "null" in errors too.
            requirements.Add(LabelRequirement.Create(expression.Key ?? "", op, expression.Values is { Count: > 0 } values ? [.. values] : null));
        }

        return requirements.Count == 0 ? Everything : new LabelRequirements(Sorted(requirements), matchesNothing: false);
    }

    /// <summary>Whether every requirement holds for <paramref name="labels"/> (null: an object without labels).</summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels) =>
        !_matchesNothing && Requirements.All(requirement => requirement.Matches(labels));

    /// <summary>The selector in query-string syntax, as upstream prints it.</summary>
    public override string ToString() => string.Join(",", Requirements);

    private static List<LabelRequirement> Sorted(IEnumerable<LabelRequirement> requirements) =>
        [.. requirements.OrderBy(r => r.Key, StringComparer.Ordinal)];
}
