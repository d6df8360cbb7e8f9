using System.Diagnostics;
using System.Globalization;

namespace Orchestrator.Host.Up;

/// <summary>
/// `up`'s progress: one plain-text line per start-up step as it happens, with the time since the process started
/// (runtime start-up and JIT included, so the figures add up to what a user waits). No colours, no cursor moves:
/// the output is read by scripts and tests as often as by people.
/// </summary>
internal sealed class UpProgress(TextWriter output, Func<TimeSpan> elapsed)
{
    public const string Prefix = "orchestrator up: ";

    /// <summary>Progress timed from this process's start.</summary>
    public static UpProgress SinceProcessStart(TextWriter output)
    {
        var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        return new UpProgress(output, () => DateTime.UtcNow - started);
    }

    public async Task StepAsync(string what)
    {
        await output.WriteLineAsync(Line(elapsed(), what));
        await output.FlushAsync();
    }

    /// <summary>One progress line: <c>orchestrator up: [1.23s] what</c>.</summary>
    public static string Line(TimeSpan elapsed, string what) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}[{elapsed.TotalSeconds:0.00}s] {what}");
}
