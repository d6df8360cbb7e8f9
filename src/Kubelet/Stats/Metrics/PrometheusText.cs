namespace Orchestrator.Kubelet.Stats.Metrics;

/// <summary>
/// Writes metric families in the Prometheus text format 0.0.4 as client_golang's registry gathers them:
/// families sorted by name and left out when empty, label pairs sorted by name, samples sorted by their
/// label values, values formatted as Go's strconv 'g' shortest, timestamps in milliseconds.
/// </summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(IEnumerable<MetricFamily> families)
    {
        var text = new StringBuilder();
        foreach (var family in families.Where(f => f.Samples.Count > 0).OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            text.Append("# HELP ").Append(family.Name).Append(' ').Append(EscapeHelp(family.Help)).Append('\n');
            text.Append("# TYPE ").Append(family.Name).Append(' ').Append(family.Type).Append('\n');
            var samples = family.Samples
                .Select(s => (Sample: s, Labels: s.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).ToList()))
                .OrderBy(s => string.Join('\0', s.Labels.Select(l => l.Value)), StringComparer.Ordinal);
            foreach (var (sample, labels) in samples)
            {
                text.Append(family.Name);
                if (labels.Count > 0)
                {
                    text.Append('{').AppendJoin(',', labels.Select(l => $"{l.Key}=\"{EscapeLabel(l.Value)}\"")).Append('}');
                }

                text.Append(' ').Append(Float(sample.Value));
                if (sample.Timestamp is { } time)
                {
                    text.Append(' ').Append(time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
                }

                text.Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>Go's strconv.FormatFloat(v, 'g', -1, 64), with expfmt's special values.</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        if (value == 0)
        {
            return "0";
        }

        // The shortest round-trip digits, then Go's choice between %e and %f (exponent < -4 or >= 6 → %e).
        var (digits, point) = Digits(Math.Abs(value).ToString("R", CultureInfo.InvariantCulture));
        var exponent = point - 1;
        var sign = value < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 6)
        {
            var mantissa = digits.Length > 1 ? digits[..1] + "." + digits[1..] : digits;
            return $"{sign}{mantissa}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture)}";
        }

        if (point <= 0)
        {
            return $"{sign}0.{new string('0', -point)}{digits}";
        }

        return point >= digits.Length
            ? sign + digits + new string('0', point - digits.Length)
            : $"{sign}{digits[..point]}.{digits[point..]}";
    }

    /// <summary>The significant digits of .NET's round-trip text and where the decimal point goes (value = 0.digits × 10^point).</summary>
    private static (string Digits, int Point) Digits(string text)
    {
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = dot >= 0 ? dot : text.Length;
        var all = text.Replace(".", "", StringComparison.Ordinal);
        var leadingZeros = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');
        return (digits, integerDigits - leadingZeros + exponent);
    }

    private static string EscapeHelp(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeLabel(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
