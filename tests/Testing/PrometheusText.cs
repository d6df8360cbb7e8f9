using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Orchestrator.Testing;

/// <summary>One sample of the Prometheus text format: a series name, its labels and its value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public bool Has(params (string Label, string Value)[] labels) =>
        labels.All(l => Labels.TryGetValue(l.Label, out var v) && v == l.Value);

    public override string ToString() =>
        $"{Name}{{{string.Join(",", Labels.Select(l => $"{l.Key}=\"{l.Value}\""))}}} {Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>
/// A strict parser of the Prometheus text exposition format 0.0.4 (what Prometheus' own parser accepts):
/// HELP/TYPE comments, metric and label names by the spec's grammar, escaped label values, float values
/// (NaN, ±Inf), a TYPE at most once and before its samples, no series twice, histograms with an
/// <c>le="+Inf"</c> bucket equal to <c>_count</c>. Any deviation throws <see cref="FormatException"/> naming the line.
/// </summary>
public static partial class PrometheusText
{
    private static readonly HashSet<string> Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    /// <summary>
    /// The families of <paramref name="text"/> whose names start with one of <paramref name="prefixes"/>, parsed as strictly
    /// as <see cref="Parse"/>. For unit tests that scrape the process-wide default registry: other tests running at the same
    /// time update .NET's own meters there (HttpClient durations, exported by prometheus-net's meter adapter), whose
    /// histograms are not snapshotted atomically, so their <c>_count</c> and <c>+Inf</c> bucket can disagree mid-scrape.
    /// </summary>
    public static IReadOnlyList<PrometheusSample> ParseFamilies(string text, params string[] prefixes)
    {
        var kept = text.Split('\n').Where(line => FamilyOf(line) is { } name && prefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)));
        return Parse(string.Join('\n', kept) + "\n");
    }

    /// <summary>The metric name a HELP/TYPE comment or a sample line is about; null for blank lines and other comments.</summary>
    private static string? FamilyOf(string line)
    {
        if (line.StartsWith("# HELP ", StringComparison.Ordinal) || line.StartsWith("# TYPE ", StringComparison.Ordinal))
        {
            var name = line[7..];
            var end = name.IndexOf(' ', StringComparison.Ordinal);
            return end < 0 ? name : name[..end];
        }

        if (line.Length == 0 || line[0] == '#')
        {
            return null;
        }

        var stop = line.IndexOfAny(['{', ' ']);
        return stop < 0 ? line : line[..stop];
    }

    public static IReadOnlyList<PrometheusSample> Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var seenSamples = new HashSet<string>(StringComparer.Ordinal);
        var familiesWithSamples = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4);
                if (parts.Length >= 3 && parts[1] is "HELP" or "TYPE")
                {
                    if (!MetricName().IsMatch(parts[2]))
                    {
                        throw new FormatException($"line {lineNumber}: bad metric name in \"{line}\"");
                    }

                    if (parts[1] == "TYPE")
                    {
                        if (parts.Length != 4 || !Types.Contains(parts[3]) || !types.TryAdd(parts[2], parts[3]) || familiesWithSamples.Contains(parts[2]))
                        {
                            throw new FormatException($"line {lineNumber}: bad or late TYPE \"{line}\"");
                        }
                    }
                }

                continue;
            }

            var sample = ParseSample(line, lineNumber);
            var key = sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)) + "}";
            if (!seenSamples.Add(key))
            {
                throw new FormatException($"line {lineNumber}: series {key} appears twice");
            }

            familiesWithSamples.Add(Family(sample.Name, types));
            samples.Add(sample);
        }

        CheckHistograms(samples, types);
        return samples;
    }

    private static string Family(string name, Dictionary<string, string> types)
    {
        foreach (var suffix in new[] { "_bucket", "_count", "_sum" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && types.TryGetValue(name[..^suffix.Length], out var type) && type is "histogram" or "summary")
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }

    private static void CheckHistograms(List<PrometheusSample> samples, Dictionary<string, string> types)
    {
        foreach (var (family, _) in types.Where(t => t.Value == "histogram"))
        {
            foreach (var count in samples.Where(s => s.Name == family + "_count"))
            {
                var infinite = samples.SingleOrDefault(s => s.Name == family + "_bucket" && s.Labels.GetValueOrDefault("le") == "+Inf"
                    && s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key).SequenceEqual(count.Labels.OrderBy(l => l.Key)));
                if (infinite is null || infinite.Value != count.Value)
                {
                    throw new FormatException($"histogram {family} {{{string.Join(",", count.Labels)}}}: no le=\"+Inf\" bucket equal to _count");
                }
            }
        }
    }

    private static PrometheusSample ParseSample(string line, int lineNumber)
    {
        var nameEnd = 0;
        while (nameEnd < line.Length && line[nameEnd] is not ('{' or ' '))
        {
            nameEnd++;
        }

        var name = line[..nameEnd];
        if (!MetricName().IsMatch(name))
        {
            throw new FormatException($"line {lineNumber}: bad metric name \"{name}\"");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = nameEnd;
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (i < line.Length && line[i] != '}')
            {
                var eq = line.IndexOf('=', i);
                if (eq < 0 || eq + 1 >= line.Length || line[eq + 1] != '"')
                {
                    throw new FormatException($"line {lineNumber}: bad label in \"{line}\"");
                }

                var label = line[i..eq];
                if (!LabelName().IsMatch(label) || labels.ContainsKey(label))
                {
                    throw new FormatException($"line {lineNumber}: bad or repeated label name \"{label}\"");
                }

                var value = new StringBuilder();
                i = eq + 2;
                for (; i < line.Length && line[i] != '"'; i++)
                {
                    if (line[i] == '\\')
                    {
                        i++;
                        value.Append(i < line.Length ? line[i] switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            _ => throw new FormatException($"line {lineNumber}: bad escape in \"{line}\""),
                        } : throw new FormatException($"line {lineNumber}: unterminated label value"));
                    }
                    else
                    {
                        value.Append(line[i]);
                    }
                }

                if (i >= line.Length)
                {
                    throw new FormatException($"line {lineNumber}: unterminated label value in \"{line}\"");
                }

                labels[label] = value.ToString();
                i++;
                if (i < line.Length && line[i] == ',')
                {
                    i++;
                }
            }

            if (i >= line.Length)
            {
                throw new FormatException($"line {lineNumber}: unterminated labels in \"{line}\"");
            }

            i++;
        }

        var rest = line[i..].Split(' ', StringSplitOptions.None);
        if (rest.Length is < 2 or > 3 || rest[0].Length != 0)
        {
            throw new FormatException($"line {lineNumber}: expected ' value [timestamp]' after the series in \"{line}\"");
        }

        var number = rest[1] switch
        {
            "+Inf" or "Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            var v when double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => throw new FormatException($"line {lineNumber}: bad value \"{rest[1]}\""),
        };
        if (rest.Length == 3 && !long.TryParse(rest[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            throw new FormatException($"line {lineNumber}: bad timestamp \"{rest[2]}\"");
        }

        return new PrometheusSample(name, labels, number);
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}
