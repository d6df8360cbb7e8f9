using System.Text.RegularExpressions;

namespace Orchestrator.ApiMachinery.Text;

/// <summary>
/// Go's <c>time.Duration.String()</c> text, which is how metav1.Duration reads in JSON:
/// "1h0m0s", "2m30s", "1.5s", "300ms", "1.5µs", "10ns", "0s"; and the durations kube components read
/// (<c>time.ParseDuration</c>).
/// </summary>
public static partial class GoDuration
{
    private const ulong Microsecond = 1_000;
    private const ulong Millisecond = 1_000_000;
    private const ulong Second = 1_000_000_000;

    /// <summary><paramref name="duration"/> as Go prints it (100 ns precision, a tick).</summary>
    public static string Format(TimeSpan duration) => Format(duration.Ticks * 100);

    /// <summary>Go's <c>Duration.Truncate</c>: rounded toward zero to a multiple of <paramref name="unit"/>.</summary>
    public static TimeSpan Truncate(TimeSpan duration, TimeSpan unit) =>
        unit <= TimeSpan.Zero ? duration : TimeSpan.FromTicks(duration.Ticks - (duration.Ticks % unit.Ticks));

    public static string Format(long nanoseconds)
    {
        if (nanoseconds == 0)
        {
            return "0s";
        }

        var text = new StringBuilder();
        if (nanoseconds < 0)
        {
            text.Append('-');
        }

        // long.MinValue has no positive counterpart; unsigned arithmetic covers it.
        var magnitude = nanoseconds < 0 ? (ulong)(-(nanoseconds + 1)) + 1 : (ulong)nanoseconds;
        if (magnitude < Second)
        {
            return magnitude switch
            {
                < Microsecond => text.Append(magnitude.ToString(CultureInfo.InvariantCulture)).Append("ns").ToString(),
                < Millisecond => AppendFraction(text, magnitude, Microsecond).Append("µs").ToString(),
                _ => AppendFraction(text, magnitude, Millisecond).Append("ms").ToString(),
            };
        }

        var totalSeconds = magnitude / Second;
        var hours = totalSeconds / 3600;
        var minutes = totalSeconds / 60 % 60;
        if (hours > 0)
        {
            text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (hours > 0 || minutes > 0)
        {
            text.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        var seconds = magnitude % (60 * Second);
        return AppendFraction(text, seconds, Second).Append('s').ToString();
    }

    /// <summary>
    /// Reads a duration as Go's <c>time.ParseDuration</c> does, signs aside: "15s", "1m30.5s", "500ms", "2h", "0".
    /// False for anything else ("", "15", "15 s").
    /// </summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text == "0")
        {
            return true;
        }

        var terms = Term().Matches(text);
        if (terms.Sum(m => m.Length) != text.Length)
        {
            return false;
        }

        foreach (Match term in terms)
        {
            var value = double.Parse(term.Groups[1].Value, CultureInfo.InvariantCulture);
            duration += term.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(value),
                "m" => TimeSpan.FromMinutes(value),
                "s" => TimeSpan.FromSeconds(value),
                "ms" => TimeSpan.FromMilliseconds(value),
                "ns" => TimeSpan.FromTicks((long)(value / 100)),
                _ => TimeSpan.FromMicroseconds(value),
            };
        }

        return true;
    }

    /// <summary>Appends value/unit as a decimal with trailing zeros trimmed.</summary>
    private static StringBuilder AppendFraction(StringBuilder text, ulong value, ulong unit)
    {
        text.Append((value / unit).ToString(CultureInfo.InvariantCulture));
        var fraction = value % unit;
        if (fraction == 0)
        {
            return text;
        }

        var digits = unit.ToString(CultureInfo.InvariantCulture).Length - 1;
        return text.Append('.').Append(fraction.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0'));
    }

    /// <summary>One number and unit of a duration: "1h30m" is two.</summary>
    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)(h|ms|m|s|us|µs|μs|ns)")]
    private static partial Regex Term();
}
