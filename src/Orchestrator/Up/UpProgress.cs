using System.Diagnostics;
using System.Runtime;

namespace Orchestrator.Host.Up;

/// <summary>
/// `up`'s progress: one plain-text line per start-up step as it happens, with the time since the process started
/// (runtime start-up and JIT included, so the figures add up to what a user waits). No colours, no cursor moves:
/// the output is read by scripts and tests as often as by people. With <see cref="TraceVariable"/> set, each line
/// also says what the step cost the process so far (CPU time, methods compiled by the JIT and its time, GC heap,
/// threads): where start-up time goes, without a profiler or a DOTNET_ runtime setting.
/// </summary>
internal sealed class UpProgress(TextWriter output, Func<TimeSpan> elapsed, Func<string>? costs = null)
{
    public const string Prefix = "orchestrator up: ";

    /// <summary>Environment variable that turns the per-step costs on (any non-empty value).</summary>
    public const string TraceVariable = "ORCHESTRATOR_STARTUP_TRACE";

    /// <summary>Progress timed from this process's start.</summary>
    public static UpProgress SinceProcessStart(TextWriter output)
    {
        var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        var trace = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TraceVariable));
        return new UpProgress(output, () => DateTime.UtcNow - started, trace ? ProcessCosts : null);
    }

    public async Task StepAsync(string what)
    {
        await output.WriteLineAsync(Line(elapsed(), costs is null ? what : what + " (" + costs() + ")"));
        await output.FlushAsync();
    }

    /// <summary>A line only for <see cref="TraceVariable"/>: what happened and when, without the process costs.</summary>
    public async Task TraceAsync(string what)
    {
        if (costs is not null)
        {
            await output.WriteLineAsync(Line(elapsed(), what));
            await output.FlushAsync();
        }
    }

    /// <summary>One progress line: <c>orchestrator up: [1.23s] what</c>.</summary>
    public static string Line(TimeSpan elapsed, string what) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}[{elapsed.TotalSeconds:0.00}s] {what}");

    /// <summary>What this process has spent so far: <c>cpu 1.20s, jit 5230 methods 0.81s, heap 14 MiB, 21 threads</c>.</summary>
    public static string ProcessCosts()
    {
        using var process = Process.GetCurrentProcess();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"cpu {process.TotalProcessorTime.TotalSeconds:0.00}s, jit {JitInfo.GetCompiledMethodCount()} methods {JitInfo.GetCompilationTime().TotalSeconds:0.00}s, heap {GC.GetTotalMemory(false) >> 20} MiB, {process.Threads.Count} threads");
    }
}
