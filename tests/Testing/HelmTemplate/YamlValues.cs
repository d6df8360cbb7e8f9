using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Testing.HelmTemplate;

/// <summary>
/// YAML to the renderer's values (maps as <c>Dictionary&lt;string, object?&gt;</c>, lists, strings, <c>long</c>,
/// <c>double</c>, <c>bool</c>, null) with YAML 1.2 core scalars for plain text; Helm reads numbers as float64
/// (so <c>printf "%d"</c> of a value differs there): the chart uses <c>int</c> where it needs a whole number.
/// </summary>
public static partial class YamlValues
{
    public static Dictionary<string, object?> ParseMap(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count == 0)
        {
            return [];
        }

        return Convert(stream.Documents[0].RootNode) switch
        {
            Dictionary<string, object?> map => map,
            null => [],
            _ => throw new TemplateException("values must be a YAML map"),
        };
    }

    public static object? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value ?? "", p => Convert(p.Value)),
        YamlSequenceNode sequence => sequence.Children.Select(Convert).ToList(),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new TemplateException($"unsupported YAML node {node.NodeType}"),
    };

    /// <summary>Deep merge as Helm merges user values over the chart's: maps merge key by key, anything else replaces; a null removes the key.</summary>
    public static Dictionary<string, object?> Merge(Dictionary<string, object?> defaults, Dictionary<string, object?> overrides)
    {
        var merged = new Dictionary<string, object?>(defaults);
        foreach (var (key, value) in overrides)
        {
            if (value is null)
            {
                merged.Remove(key);
            }
            else if (value is Dictionary<string, object?> map && merged.GetValueOrDefault(key) is Dictionary<string, object?> existing)
            {
                merged[key] = Merge(existing, map);
            }
            else
            {
                merged[key] = value;
            }
        }

        return merged;
    }

    private static object? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        return scalar.Style is YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any ? ParseScalarText(text) : text;
    }

    /// <summary>What a plain (unquoted) scalar means: null, a bool, a number or the string itself.</summary>
    public static object? ParseScalarText(string text)
    {
        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE")
        {
            return true;
        }

        if (text is "false" or "False" or "FALSE")
        {
            return false;
        }

        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        return FloatPattern().IsMatch(text) ? double.Parse(text, CultureInfo.InvariantCulture) : text;
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
