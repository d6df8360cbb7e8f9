using System.Text.RegularExpressions;

namespace Orchestrator.Host.Commands;

/// <summary>Go-style durations as kube components take them on the command line: "40s", "1m30s", "500ms", "2h".</summary>
internal static partial class Durations
{
    public static TimeSpan Parse(string name, string text)
    {
        var matches = Part().Matches(text);
        if (text.Length == 0 || matches.Sum(m => m.Length) != text.Length)
        {
            throw new UsageException($"--{name} must be a duration such as 40s, 1m30s or 500ms, not \"{text}\"");
        }

        var total = TimeSpan.Zero;
        foreach (Match match in matches)
        {
            var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            total += match.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(value),
                "s" => TimeSpan.FromSeconds(value),
                "m" => TimeSpan.FromMinutes(value),
                _ => TimeSpan.FromHours(value),
            };
        }

        return total;
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|s|m|h)")]
    private static partial Regex Part();
}
