namespace Orchestrator.ApiServer.Metrics.Scraping;

/// <summary>
/// Reads the samples of the Prometheus text exposition format (version 0.0.4), one line at a time, without
/// recursion or backtracking: comments (HELP, TYPE) and blank lines are skipped, any other line must be
/// <c>name[{label="value",…}] value [timestamp]</c>. A malformed line, or more than <see cref="MaxLabels"/>
/// labels on one, is a <see cref="FormatException"/> naming the line, as the whole scrape is then not trusted.
/// </summary>
internal static class PrometheusTextReader
{
    /// <summary>Labels allowed on one sample; the kubelet's resource metrics carry three.</summary>
    public const int MaxLabels = 64;

    public static IEnumerable<PrometheusSample> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lineNumber = 0;
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end;
            lineNumber++;
            if (TryParseLine(text.AsSpan(start, end - start), lineNumber) is { } sample)
            {
                yield return sample;
            }

            start = end + 1;
        }
    }

    /// <summary>The sample on one line, or null for a comment or blank line.</summary>
    private static PrometheusSample? TryParseLine(ReadOnlySpan<char> line, int lineNumber)
    {
        var content = line.TrimEnd('\r').Trim(" \t");
        return content.IsEmpty || content[0] == '#' ? null : ParseLine(content, lineNumber);
    }

    private static PrometheusSample ParseLine(ReadOnlySpan<char> line, int lineNumber)
    {
        var position = 0;
        var name = ReadName(line, ref position, metric: true) ?? throw Malformed(lineNumber, "a metric name");
        var labels = new List<KeyValuePair<string, string>>();
        var blank = SkipBlanks(line, ref position);
        if (position < line.Length && line[position] == '{')
        {
            position++;
            ReadLabels(line, ref position, labels, lineNumber);
            blank = SkipBlanks(line, ref position);
        }

        if (!blank)
        {
            throw Malformed(lineNumber, "a space before the value");
        }

        var value = ParseValue(NextToken(line, ref position)) ?? throw Malformed(lineNumber, "a number as the value");
        long? timestamp = null;
        SkipBlanks(line, ref position);
        if (position < line.Length)
        {
            var token = NextToken(line, ref position);
            timestamp = long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)
                ? ms
                : throw Malformed(lineNumber, "an integer timestamp");
            SkipBlanks(line, ref position);
            if (position < line.Length)
            {
                throw Malformed(lineNumber, "the end of the line after the timestamp");
            }
        }

        return new PrometheusSample(name, labels, value, timestamp);
    }

    private static void ReadLabels(ReadOnlySpan<char> line, ref int position, List<KeyValuePair<string, string>> labels, int lineNumber)
    {
        while (true)
        {
            SkipBlanks(line, ref position);
            if (position < line.Length && line[position] == '}')
            {
                position++;
                return;
            }

            if (labels.Count == MaxLabels)
            {
                throw Malformed(lineNumber, $"at most {MaxLabels} labels");
            }

            var label = ReadName(line, ref position, metric: false) ?? throw Malformed(lineNumber, "a label name");
            SkipBlanks(line, ref position);
            if (position >= line.Length || line[position] != '=')
            {
                throw Malformed(lineNumber, "'=' after a label name");
            }

            position++;
            SkipBlanks(line, ref position);
            labels.Add(new(label, ReadQuoted(line, ref position, lineNumber)));
            SkipBlanks(line, ref position);
            if (position < line.Length && line[position] == ',')
            {
                position++;
            }
            else if (position >= line.Length || line[position] != '}')
            {
                throw Malformed(lineNumber, "',' or '}' after a label value");
            }
        }
    }

    private static string ReadQuoted(ReadOnlySpan<char> line, ref int position, int lineNumber)
    {
        if (position >= line.Length || line[position] != '"')
        {
            throw Malformed(lineNumber, "a quoted label value");
        }

        position++;
        var value = new StringBuilder();
        while (position < line.Length)
        {
            var c = line[position++];
            if (c == '"')
            {
                return value.ToString();
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            if (position >= line.Length)
            {
                break;
            }

            value.Append(line[position++] switch
            {
                'n' => '\n',
                '\\' => '\\',
                '"' => '"',
                _ => throw Malformed(lineNumber, "an escape of \\, \" or n in a label value"),
            });
        }

        throw Malformed(lineNumber, "a closing quote");
    }

    private static string? ReadName(ReadOnlySpan<char> line, ref int position, bool metric)
    {
        var start = position;
        while (position < line.Length && IsNameChar(line[position], first: position == start, metric))
        {
            position++;
        }

        return position == start ? null : line[start..position].ToString();
    }

    private static bool IsNameChar(char c, bool first, bool metric) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' || (metric && c == ':') || (!first && c is >= '0' and <= '9');

    /// <summary>Skips spaces and tabs; whether any were skipped.</summary>
    private static bool SkipBlanks(ReadOnlySpan<char> line, ref int position)
    {
        var start = position;
        while (position < line.Length && line[position] is ' ' or '\t')
        {
            position++;
        }

        return position > start;
    }

    private static ReadOnlySpan<char> NextToken(ReadOnlySpan<char> line, ref int position)
    {
        var start = position;
        while (position < line.Length && line[position] is not (' ' or '\t'))
        {
            position++;
        }

        return line[start..position];
    }

    /// <summary>Go's ParseFloat as the format uses it: decimal or exponent notation, NaN, ±Inf.</summary>
    private static double? ParseValue(ReadOnlySpan<char> token) => token switch
    {
        "NaN" => double.NaN,
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ when token.IndexOfAnyExcept("0123456789+-.eE") < 0
            && double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) => value,
        _ => null,
    };

    private static FormatException Malformed(int lineNumber, string expected) =>
        new($"line {lineNumber.ToString(CultureInfo.InvariantCulture)}: expected {expected}");
}
