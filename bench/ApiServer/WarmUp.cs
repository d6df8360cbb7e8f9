using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace Orchestrator.Bench;

/// <summary>
/// Runs a workload, unmeasured, until the JIT has reached steady state: rounds of <c>roundSize</c> operations until,
/// over the last <see cref="Window"/> of continuous load, the process compiled at most <see cref="QuietMethods"/>
/// methods (any thread, so the tiered compiler's background queue counts), or until <see cref="Cap"/>.
/// A count of creates is not a measure of that: "fewer than 20 methods in a 1,000-create round" passed while
/// call counting was still held back by the call-counting delay, and ~2,850 methods (1.9 s of 4.7 s CPU) were then
/// compiled during the measured creates. A window of seconds outlasts the delay (100 ms after the last tier-0
/// compile) and the background queue, so when it is quiet the hot methods are at tier 1. <see cref="Jit"/> lets the
/// benchmark print what the JIT still did in its measured phase, so the reader can see it was steady.
/// </summary>
internal static class WarmUp
{
    private const int QuietMethods = 5;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(60);

    /// <param name="pause">A rest between rounds, for a path so fast that seconds of it would grow what it measures (the raw
    /// store's table) far beyond the measured run; the JIT's background compiler works on in the rests.</param>
    public static async Task UntilJitSteadyAsync(string subject, int concurrency, int roundSize, Func<int, Task> operation, TimeSpan pause = default)
    {
        var clock = Stopwatch.StartNew();
        var samples = new List<(TimeSpan At, Jit Jit)> { (TimeSpan.Zero, Jit.Now()) };
        var done = 0;
        while (true)
        {
            var offset = done;
            await Measurement.RunAsync(subject, concurrency, roundSize, i => operation(offset + i));
            done += roundSize;
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause);
            }

            var now = (At: clock.Elapsed, Jit: Jit.Now());
            samples.Add(now);
            // The newest sample at least a window old: what was compiled since then.
            var index = samples.FindLastIndex(s => s.At <= now.At - Window);
            var start = samples[Math.Max(0, index)];
            var settled = index >= 0 && now.Jit.Since(start.Jit).Methods <= QuietMethods;
            if (settled || now.At >= Cap)
            {
                var last = now.Jit.Since(start.Jit);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"warm-up {subject}: {done} operations in {now.At.TotalSeconds:F1} s, {(settled ? "JIT settled" : "JIT NOT settled, stopped at the cap")}: {last.Methods} methods ({last.Milliseconds:F0} ms) compiled in the last {(now.At - start.At).TotalSeconds:F1} s, {now.Jit.Since(samples[0].Jit).Methods} in all"));
                return;
            }
        }
    }

    /// <summary>
    /// The older, cheaper check the paired cost benchmarks still use: rounds until one compiles fewer than 20 methods
    /// (or <paramref name="maxRounds"/> have run). Fooled by the call-counting delay (see the class summary), so it
    /// suits comparisons of two subjects warmed alike, not absolute steady-state figures.
    /// </summary>
    public static async Task RunAsync(string subject, int concurrency, int roundSize, int maxRounds, Func<int, Task> operation)
    {
        var done = 0;
        for (var round = 1; round <= maxRounds; round++)
        {
            var before = JitInfo.GetCompiledMethodCount();
            var offset = done;
            await Measurement.RunAsync(subject, concurrency, roundSize, i => operation(offset + i));
            done += roundSize;
            var compiled = JitInfo.GetCompiledMethodCount() - before;
            if (compiled < 20 || round == maxRounds)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up {subject}: {done} operations, {compiled} methods compiled in the last round"));
                return;
            }
        }
    }

    /// <summary>The JIT's counters: methods compiled and time spent compiling, all threads.</summary>
    internal readonly record struct Jit(long Methods, double Milliseconds)
    {
        public static Jit Now() => new(JitInfo.GetCompiledMethodCount(currentThread: false), JitInfo.GetCompilationTime(currentThread: false).TotalMilliseconds);

        public Jit Since(Jit before) => new(Methods - before.Methods, Milliseconds - before.Milliseconds);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Methods} methods compiled ({Milliseconds:F0} ms)");
    }
}
