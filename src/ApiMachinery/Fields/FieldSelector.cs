using Orchestrator.ApiMachinery.Selection;

namespace Orchestrator.ApiMachinery.Fields;

/// <summary>
/// A parsed <c>fieldSelector</c> query parameter (upstream's fields.ParseSelector): terms
/// <c>field=value</c>, <c>field==value</c> or <c>field!=value</c> joined by commas, all of which must hold.
/// In values, <c>\,</c> <c>\=</c> and <c>\\</c> stand for the literal characters. Field names are taken
/// as written; which ones a kind supports is the API server's business. Immutable.
/// </summary>
public sealed class FieldSelector
{
    private static readonly string[] Operators = ["!=", "==", "="];

    private FieldSelector(IReadOnlyList<FieldRequirement> requirements) => Requirements = requirements;

    public static FieldSelector Everything { get; } = new([]);

    public IReadOnlyList<FieldRequirement> Requirements { get; }

    public bool IsEverything => Requirements.Count == 0;

    /// <exception cref="SelectorException">A term has no operator or a value is badly escaped, with upstream's message.</exception>
    public static FieldSelector Parse(string? selector)
    {
        if (string.IsNullOrEmpty(selector))
        {
            return Everything;
        }

        // Upstream sorts the terms before parsing them, so errors name the first term in that order.
        var terms = SplitTerms(selector).Order(StringComparer.Ordinal);
        var requirements = new List<FieldRequirement>();
        foreach (var term in terms)
        {
            if (term.Length == 0)
            {
                continue;
            }

            var (field, op, value) = SplitTerm(term) ?? throw new SelectorException($"invalid selector: '{selector}'; can't understand '{term}'");
            requirements.Add(new FieldRequirement(field, op != "!=", Unescape(value)));
        }

        return new FieldSelector(requirements);
    }

    /// <summary>Builds a selector from terms already checked (for instance with field names translated).</summary>
    public static FieldSelector Of(IEnumerable<FieldRequirement> requirements) => new([.. requirements]);

    /// <summary>Whether every term holds; <paramref name="fieldValue"/> gives a field's value, null reading as "".</summary>
    public bool Matches(Func<string, string?> fieldValue) => Requirements.All(r => r.Matches(fieldValue(r.Field)));

    /// <summary>The value a term requires <paramref name="field"/> to equal, if any (lets a list be narrowed to one name).</summary>
    public string? RequiresExactMatch(string field) => Requirements.FirstOrDefault(r => r.Equal && r.Field == field)?.Value;

    /// <summary>Upstream's EscapeValue: backslash, comma and equals sign escaped with a backslash.</summary>
    public static string Escape(string value) => value.Replace(@"\", @"\\", StringComparison.Ordinal)
        .Replace(",", @"\,", StringComparison.Ordinal)
        .Replace("=", @"\=", StringComparison.Ordinal);

    public override string ToString() => string.Join(",", Requirements);

    /// <summary>Splits on commas that are not escaped; the escapes stay for <see cref="Unescape"/>.</summary>
    private static List<string> SplitTerms(string selector)
    {
        var terms = new List<string>();
        var start = 0;
        var escaped = false;
        for (var i = 0; i < selector.Length; i++)
        {
            if (escaped)
            {
                escaped = false;
            }
            else if (selector[i] == '\\')
            {
                escaped = true;
            }
            else if (selector[i] == ',')
            {
                terms.Add(selector[start..i]);
                start = i + 1;
            }
        }

        terms.Add(selector[start..]);
        return terms;
    }

    /// <summary>The field, the first operator found scanning left to right ("!=" before "==" before "="), and the value.</summary>
    private static (string Field, string Operator, string Value)? SplitTerm(string term)
    {
        for (var i = 0; i < term.Length; i++)
        {
            foreach (var op in Operators)
            {
                if (string.CompareOrdinal(term, i, op, 0, op.Length) == 0)
                {
                    return (term[..i], op, term[(i + op.Length)..]);
                }
            }
        }

        return null;
    }

    private static string Unescape(string value)
    {
        if (value.IndexOfAny(['\\', ',', '=']) < 0)
        {
            return value;
        }

        var result = new StringBuilder(value.Length);
        var escaped = false;
        foreach (var c in value)
        {
            if (escaped)
            {
                if (c is not ('\\' or ',' or '='))
                {
                    throw new SelectorException($"invalid field selector: invalid escape sequence: \\{c}");
                }

                result.Append(c);
                escaped = false;
            }
            else if (c == '\\')
            {
                escaped = true;
            }
            else if (c is ',' or '=')
            {
                // Go prints the rune with %v, i.e. as its code point number.
                throw new SelectorException($"invalid field selector: unescaped character in value: {(int)c}");
            }
            else
            {
                result.Append(c);
            }
        }

        return escaped ? throw new SelectorException("invalid field selector: invalid escape sequence: \\") : result.ToString();
    }
}
