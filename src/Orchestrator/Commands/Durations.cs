using Orchestrator.ApiMachinery.Text;

namespace Orchestrator.Host.Commands;

/// <summary>Go-style durations as kube components take them on the command line: "40s", "1m30s", "500ms", "2h".</summary>
internal static class Durations
{
    public static TimeSpan Parse(string name, string text) =>
        GoDuration.TryParse(text, out var duration)
            ? duration
            : throw new UsageException($"--{name} must be a duration such as 40s, 1m30s or 500ms, not \"{text}\"");
}
