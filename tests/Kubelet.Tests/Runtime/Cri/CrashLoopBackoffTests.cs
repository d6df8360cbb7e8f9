using Orchestrator.Kubelet.Runtime.Cri;
using Orchestrator.Testing;

namespace Orchestrator.Kubelet.Tests.Runtime.Cri;

public sealed class CrashLoopBackoffTests
{
    [Fact]
    public void The_first_restart_is_immediate_then_waits_double_from_ten_seconds_to_five_minutes()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var backoff = new CrashLoopBackoff(time);
        var expected = new[] { 10, 20, 40, 80, 160, 300, 300 };

        Assert.Null(backoff.Check("u", "c", time.GetUtcNow().UtcDateTime));
        foreach (var seconds in expected)
        {
            var finished = time.GetUtcNow().UtcDateTime;
            Assert.Equal(TimeSpan.FromSeconds(seconds), backoff.Check("u", "c", finished));
            time.Advance(TimeSpan.FromSeconds(seconds));
            Assert.Null(backoff.Check("u", "c", finished));
        }
    }

    [Fact]
    public void A_container_that_ran_long_starts_over_at_ten_seconds()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var backoff = new CrashLoopBackoff(time);
        Assert.Null(backoff.Check("u", "c", time.GetUtcNow().UtcDateTime));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.NotNull(backoff.Check("u", "c", time.GetUtcNow().UtcDateTime.AddSeconds(-5)));

        time.Advance(TimeSpan.FromMinutes(11));
        Assert.Null(backoff.Check("u", "c", time.GetUtcNow().UtcDateTime));
        Assert.Equal(TimeSpan.FromSeconds(10), backoff.Delay("u", "c"));
    }

    [Fact]
    public void Forgetting_a_pod_resets_its_containers()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var backoff = new CrashLoopBackoff(time);
        var finished = time.GetUtcNow().UtcDateTime;
        Assert.Null(backoff.Check("u", "c", finished));
        Assert.NotNull(backoff.Check("u", "c", finished));

        backoff.Forget("u");

        Assert.Null(backoff.Check("u", "c", finished));
    }
}
