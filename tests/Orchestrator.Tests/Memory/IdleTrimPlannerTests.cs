using Orchestrator.Host.Memory;

namespace Orchestrator.Orchestrator.Tests.Memory;

public sealed class IdleTrimPlannerTests
{
    private const long MiB = 1L << 20;
    private static readonly IdleTrimOptions Options = new(TimeSpan.FromSeconds(30), BusyAllocation: 16 * MiB, MinimumGarbage: 1 * MiB);

    [Theory]
    // Idle (4 MiB in the last interval, like an idle `up`) with garbage since the last trim: trim.
    [InlineData(0, 100, 104, true)]
    // Busy: more than the busy allocation in the last interval, however much garbage.
    [InlineData(0, 100, 117, false)]
    // Exactly the busy allocation still counts as idle.
    [InlineData(0, 100, 116, true)]
    // Idle, but less garbage than the minimum since the last trim: nothing worth a full collection.
    [InlineData(100, 100, 100.5, false)]
    // Idle for two intervals after a trim: the garbage of both counts.
    [InlineData(100, 100.6, 101.2, true)]
    // Busy earlier, idle now: the last interval decides.
    [InlineData(0, 500, 502, true)]
    public void TrimsOnlyAnIdleProcessThatLeftGarbage(double lastTrimMiB, double lastLookMiB, double nowMiB, bool trim)
    {
        var plan = IdleTrimPlanner.ShouldTrim(Sample(lastTrimMiB), Sample(lastLookMiB), Sample(nowMiB), Options);

        Assert.Equal(trim, plan);
    }

    [Fact]
    public void TheDefaultsLookEvery30SecondsAndCountAnIdleUpAsIdle()
    {
        // An idle `up` allocates ~141 KiB/s (docs/operations.md, "Memory"): ~4 MiB per interval.
        var idleUp = 141L * 1024 * 30;

        Assert.Equal(TimeSpan.FromSeconds(30), IdleTrimOptions.Default.Interval);
        Assert.True(IdleTrimPlanner.ShouldTrim(new(0), new(0), new(idleUp), IdleTrimOptions.Default));
    }

    private static IdleTrimSample Sample(double mib) => new((long)(mib * MiB));
}
