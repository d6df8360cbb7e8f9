using System.Text.RegularExpressions;

namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>A metav1.Duration as the metrics API writes a sample's window: Go's duration syntax ("15s", "1m0s", "1.5s").</summary>
internal static partial class MetricsWindow
{
    public static bool TryParse(string? text, out TimeSpan window)
    {
        window = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text == "0")
        {
            return true;
        }

        var matches = Part().Matches(text);
        if (matches.Sum(m => m.Length) != text.Length)
        {
            return false;
        }

        foreach (Match match in matches)
        {
            var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            window += match.Groups[2].Value switch
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

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|μs|ns)")]
    private static partial Regex Part();
}
