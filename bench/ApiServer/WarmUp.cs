using System.Globalization;
using System.Runtime;

namespace Orchestrator.Bench;

/// <summary>
/// Runs a workload, unmeasured, until the JIT has settled: rounds of <c>roundSize</c> operations
/// until one compiles fewer than <see cref="SettledMethods"/> methods (or <c>maxRounds</c> have run).
/// A fixed count of 2,000 creates left the tiered compiler recompiling some 2,700 methods during
/// the measured creates, about a sixth of the process's CPU, so they measured the JIT too.
/// </summary>
internal static class WarmUp
{
    private const int SettledMethods = 20;

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
            if (compiled < SettledMethods || round == maxRounds)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up {subject}: {done} operations, {compiled} methods compiled in the last round"));
                return;
            }
        }
    }
}
