using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Orchestrator.Testing.HelmTemplate;

/// <summary>
/// <c>toYaml</c>: block YAML with map keys sorted (as Helm's sigs.k8s.io/yaml), sequences at their key's indentation,
/// strings plain when YAML reads them back as the same string, else double-quoted (Helm may choose another quoting
/// style: the parsed value is the same). No trailing newline, as Helm trims it.
/// </summary>
public static partial class YamlWriter
{
    public static string Write(object? value)
    {
        var text = new StringBuilder();
        switch (value)
        {
            case IDictionary<string, object?> map when map.Count > 0:
                WriteMap(text, map, 0);
                break;
            case IList<object?> list when list.Count > 0:
                WriteList(text, list, 0);
                break;
            default:
                text.Append(Scalar(value)).Append('\n');
                break;
        }

        return text.ToString().TrimEnd('\n');
    }

    private static void WriteMap(StringBuilder text, IDictionary<string, object?> map, int indent)
    {
        foreach (var key in map.Keys.Order(StringComparer.Ordinal))
        {
            text.Append(' ', indent).Append(Scalar(key)).Append(':');
            WriteValue(text, map[key], indent, inList: false);
        }
    }

    private static void WriteList(StringBuilder text, IList<object?> list, int indent)
    {
        foreach (var item in list)
        {
            text.Append(' ', indent).Append('-');
            if (item is IDictionary<string, object?> map && map.Count > 0)
            {
                // The first key goes on the dash's line, the others under it.
                var nested = new StringBuilder();
                WriteMap(nested, map, indent + 2);
                text.Append(' ').Append(nested.ToString(indent + 2, nested.Length - indent - 2));
                continue;
            }

            WriteValue(text, item, indent, inList: true);
        }
    }

    private static void WriteValue(StringBuilder text, object? value, int indent, bool inList)
    {
        switch (value)
        {
            case IDictionary<string, object?> map when map.Count > 0:
                text.Append('\n');
                WriteMap(text, map, indent + 2);
                break;
            case IList<object?> list when list.Count > 0:
                text.Append('\n');
                WriteList(text, list, inList ? indent + 2 : indent);
                break;
            default:
                text.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    /// <summary>One scalar as YAML reads it back: plain when unambiguous, else a JSON (double-quoted) string.</summary>
    public static string Scalar(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        long or int => System.Convert.ToString(value, CultureInfo.InvariantCulture)!,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s => PlainSafe().IsMatch(s) && YamlValues.ParseScalarText(s) is string ? s : JsonSerializer.Serialize(s),
        IDictionary<string, object?> => "{}",
        IList<object?> => "[]",
        _ => throw new TemplateException($"toYaml: unsupported value of type {value.GetType().Name}"),
    };

    [GeneratedRegex(@"^[A-Za-z0-9_./][A-Za-z0-9_./@=+-]*$")]
    private static partial Regex PlainSafe();
}
