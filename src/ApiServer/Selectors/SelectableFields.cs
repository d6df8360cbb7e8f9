using Orchestrator.ApiMachinery.Fields;
using Orchestrator.ApiMachinery.Selection;

namespace Orchestrator.ApiServer.Selectors;

/// <summary>
/// The fields one kind can be selected by, how to read each from the stored JSON object, and the error
/// for any other field. Immutable and thread-safe; built by a strategy with <see cref="FieldSelectorFields"/>.
/// </summary>
internal sealed class SelectableFields
{
    private readonly FrozenDictionary<string, Func<JsonObject, string>> _readers;
    private readonly FrozenDictionary<string, string> _aliases;
    private readonly Func<string, string> _unsupported;

    /// <param name="readers">Field label → reader of its value ("" when absent).</param>
    /// <param name="unsupported">The error message for a field label the kind does not support.</param>
    /// <param name="aliases">Old labels still accepted, mapped to the label they stand for (pods' spec.host).</param>
    public SelectableFields(
        IReadOnlyDictionary<string, Func<JsonObject, string>> readers,
        Func<string, string> unsupported,
        IReadOnlyDictionary<string, string>? aliases = null)
    {
        _readers = readers.ToFrozenDictionary(StringComparer.Ordinal);
        _aliases = (aliases ?? new Dictionary<string, string>()).ToFrozenDictionary(StringComparer.Ordinal);
        _unsupported = unsupported;
    }

    /// <summary>Every label the kind accepts, aliases included.</summary>
    public IEnumerable<string> Labels => _readers.Keys.Concat(_aliases.Keys);

    public bool Supports(string label) => _readers.ContainsKey(label) || _aliases.ContainsKey(label);

    /// <summary>
    /// Checks every field of <paramref name="selector"/> and returns it with aliases replaced by the
    /// fields they stand for (upstream converts field labels the same way before listing).
    /// </summary>
    /// <exception cref="SelectorException">A field is not supported, with upstream's message for the kind.</exception>
    public FieldSelector Validate(FieldSelector selector)
    {
        foreach (var requirement in selector.Requirements)
        {
            if (!Supports(requirement.Field))
            {
                throw new SelectorException(_unsupported(requirement.Field));
            }
        }

        return _aliases.Count == 0 || !selector.Requirements.Any(r => _aliases.ContainsKey(r.Field))
            ? selector
            : FieldSelector.Of(selector.Requirements.Select(r => r with { Field = _aliases.GetValueOrDefault(r.Field, r.Field) }));
    }

    /// <summary>The value of <paramref name="label"/> in <paramref name="obj"/>; null when the kind has no such field.</summary>
    public string? ValueOf(JsonObject obj, string label) =>
        _readers.TryGetValue(_aliases.GetValueOrDefault(label, label), out var read) ? read(obj) : null;

    /// <summary>Whether <paramref name="obj"/> satisfies every term of <paramref name="selector"/>.</summary>
    public bool Matches(FieldSelector selector, JsonObject obj) => selector.Matches(label => ValueOf(obj, label));
}
