using System.Runtime;

namespace Orchestrator.Host.Memory;

/// <summary>
/// Returns an idle process's garbage to the operating system. The workstation GC sizes its gen0 budget from the L3
/// cache (hundreds of MiB on large machines), so a process that allocates slowly — an idle <c>up</c> or kubelet renewing
/// leases — never reaches a collection and keeps every idle allocation resident. Every
/// <see cref="IdleTrimOptions.Interval"/> the trimmer looks at what was allocated; when the process was idle and left
/// garbage (<see cref="IdleTrimPlanner"/>), one full compacting collection in aggressive mode collects it and decommits
/// the freed regions, and the C heap returns its free pages. A busy process is never trimmed: its gen0 collections
/// run as configured.
/// </summary>
internal static class IdleTrimmer
{
    /// <summary>Looks every interval until <paramref name="ct"/> is cancelled; never throws on cancellation.</summary>
    public static async Task RunAsync(IdleTrimOptions options, TimeProvider time, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.Interval, time);
        var lastTrim = Sample();
        var lastLook = lastTrim;
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var now = Sample();
                if (IdleTrimPlanner.ShouldTrim(lastTrim, lastLook, now, options))
                {
                    Collect();
                    // What the collection itself allocated is not the process's garbage.
                    now = Sample();
                    lastTrim = now;
                }

                lastLook = now;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>
    /// Trims with <see cref="IdleTrimOptions.Default"/> while <paramref name="work"/> runs; once it ends (done, failed or
    /// cancelled) the trimmer stops and <paramref name="work"/>'s outcome is what this task ends with.
    /// </summary>
    public static async Task WhileRunningAsync(Task work, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var trimmer = RunAsync(IdleTrimOptions.Default, TimeProvider.System, stop.Token);
        try
        {
            await work;
        }
        finally
        {
            await stop.CancelAsync();
            await trimmer;
        }
    }

    /// <summary>
    /// One blocking, compacting collection of every generation (the large object heap too) that decommits what it
    /// frees, then the C heap's free pages (<see cref="NativeHeap"/>): finalizers the collection ran may free native memory.
    /// </summary>
    public static void Collect()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        NativeHeap.Trim();
    }

    private static IdleTrimSample Sample() => new(GC.GetTotalAllocatedBytes(precise: false));
}
