namespace Orchestrator.ApiMachinery.Text;

/// <summary>Go's text conventions that upstream error messages are built from, reproduced so messages match.</summary>
public static class GoText
{
    /// <summary>Go's <c>%q</c>: a double-quoted string with Go escapes.</summary>
    public static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append(@"\\"),
                '\n' => quoted.Append(@"\n"),
                '\r' => quoted.Append(@"\r"),
                '\t' => quoted.Append(@"\t"),
                '\a' => quoted.Append(@"\a"),
                '\b' => quoted.Append(@"\b"),
                '\f' => quoted.Append(@"\f"),
                '\v' => quoted.Append(@"\v"),
                < ' ' or '\x7f' => quoted.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }

    /// <summary>A JSON array of strings as Go's encoding/json writes a []string (nil is "null").</summary>
    public static string JsonStrings(IReadOnlyList<string>? values) =>
        values is null ? "null" : "[" + string.Join(",", values.Select(Quote)) + "]";

    /// <summary>A field.ErrorList turned into one error: one message alone, several as "[a, b]" without repeats.</summary>
    public static string Aggregate(IReadOnlyList<string> messages)
    {
        var distinct = messages.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 1 ? distinct[0] : "[" + string.Join(", ", distinct) + "]";
    }

    /// <summary>field.Invalid(path, value, detail).Error().</summary>
    public static string Invalid(string path, string badValue, string detail) => $"{path}: Invalid value: {badValue}: {detail}";
}
