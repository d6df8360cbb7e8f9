using Orchestrator.Kubelet.Stats;

namespace Orchestrator.Kubelet.Tests.Stats;

public sealed class CpuRateTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 20, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1000, 1_000_000_000UL, 1_500_000_000UL, 500_000_000UL)] // half a core over one second
    [InlineData(2000, 0UL, 4_000_000_000UL, 2_000_000_000UL)]           // two cores over two seconds
    [InlineData(500, 10UL, 10UL, 0UL)]                                   // idle
    public void The_rate_is_the_usage_difference_over_the_time_between_samples(int milliseconds, ulong first, ulong second, ulong expected)
    {
        var tracker = new CpuRateTracker();

        Assert.Null(tracker.Update("c", T0, first));
        Assert.Equal(expected, tracker.Update("c", T0.AddMilliseconds(milliseconds), second));
    }

    [Fact]
    public void A_counter_that_went_back_gives_no_rate_and_restarts_from_the_new_sample()
    {
        var tracker = new CpuRateTracker();
        tracker.Update("c", T0, 5_000_000_000);

        Assert.Null(tracker.Update("c", T0.AddSeconds(1), 100));
        Assert.Equal(1_000_000_000UL, tracker.Update("c", T0.AddSeconds(2), 1_000_000_100));
    }

    [Fact]
    public void A_sample_not_newer_than_the_kept_one_gives_no_rate_and_keeps_the_older_sample()
    {
        var tracker = new CpuRateTracker();
        tracker.Update("c", T0, 0);

        Assert.Null(tracker.Update("c", T0, 999));
        Assert.Equal(1_000UL, tracker.Update("c", T0.AddSeconds(1), 1_000));
    }

    [Fact]
    public void Retain_forgets_keys_not_seen_so_a_returning_key_starts_over()
    {
        var tracker = new CpuRateTracker();
        tracker.Update("gone", T0, 0);
        tracker.Update("kept", T0, 0);

        tracker.Retain(new HashSet<string> { "kept" });

        Assert.Null(tracker.Update("gone", T0.AddSeconds(1), 1_000_000_000));
        Assert.Equal(1_000_000_000UL, tracker.Update("kept", T0.AddSeconds(1), 1_000_000_000));
    }
}
