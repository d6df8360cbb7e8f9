using Orchestrator.Kubelet.Backoff;

namespace Orchestrator.Kubelet.Tests.Backoff;

public sealed class KeyedBackoffTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Failures_double_from_10s_up_to_5_minutes()
    {
        var backoff = KeyedBackoff.Kubelet(_time);

        var waits = Enumerable.Range(0, 8).Select(_ => (int)backoff.Next("a", _time.GetUtcNow()).TotalSeconds).ToList();

        Assert.Equal([10, 20, 40, 80, 160, 300, 300, 300], waits);
    }

    [Fact]
    public void In_back_off_until_the_current_wait_has_passed()
    {
        var backoff = KeyedBackoff.Kubelet(_time);
        Assert.False(backoff.IsInBackOffSinceUpdate("a"));

        backoff.Next("a", _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(9.9));
        Assert.True(backoff.IsInBackOffSinceUpdate("a"));
        Assert.Equal(TimeSpan.FromSeconds(0.1), backoff.Remaining("a"));
        Assert.Equal(TimeSpan.Zero, backoff.Remaining("b"));
        Assert.False(backoff.IsInBackOffSinceUpdate("b"));

        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.False(backoff.IsInBackOffSinceUpdate("a"));
    }

    [Fact]
    public void An_entry_idle_for_twice_the_maximum_starts_over_and_is_collected()
    {
        var backoff = KeyedBackoff.Kubelet(_time);
        backoff.Next("a", _time.GetUtcNow());
        backoff.Next("a", _time.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(20), backoff.Get("a"));

        _time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        backoff.GC();
        Assert.Equal(TimeSpan.Zero, backoff.Get("a"));
        Assert.Equal(TimeSpan.FromSeconds(10), backoff.Next("a", _time.GetUtcNow()));
    }

    [Fact]
    public void Reset_forgets_a_key()
    {
        var backoff = KeyedBackoff.Kubelet(_time);
        backoff.Next("a", _time.GetUtcNow());

        backoff.Reset("a");

        Assert.False(backoff.IsInBackOffSinceUpdate("a"));
    }

    [Fact]
    public void A_restart_waits_from_the_exit_doubling_from_10s_to_5_minutes()
    {
        var backoff = KeyedBackoff.Kubelet(_time);
        backoff.Next("u/c", _time.GetUtcNow()); // the first restart is immediate
        foreach (var seconds in new[] { 10, 20, 40, 80, 160, 300, 300 })
        {
            var finished = _time.GetUtcNow();
            Assert.Equal(TimeSpan.FromSeconds(seconds), backoff.RemainingSince("u/c", finished));
            _time.Advance(TimeSpan.FromSeconds(seconds));
            Assert.Equal(TimeSpan.Zero, backoff.RemainingSince("u/c", finished));
            backoff.Next("u/c", finished);
        }
    }

    [Fact]
    public void An_exit_more_than_ten_minutes_after_the_last_starts_over_at_10s()
    {
        var backoff = KeyedBackoff.Kubelet(_time);
        var first = _time.GetUtcNow();
        backoff.Next("u/c", first);
        Assert.Equal(TimeSpan.FromSeconds(20), backoff.Next("u/c", first));

        _time.Advance(TimeSpan.FromMinutes(11));
        var later = _time.GetUtcNow().AddSeconds(-5);
        Assert.Equal(TimeSpan.Zero, backoff.RemainingSince("u/c", later));
        Assert.Equal(TimeSpan.FromSeconds(10), backoff.Next("u/c", later));
    }

    [Fact]
    public void Resetting_a_prefix_forgets_every_container_of_a_pod()
    {
        var backoff = KeyedBackoff.Kubelet(_time);
        foreach (var key in new[] { "u/a", "u/b", "v/a" })
        {
            backoff.Next(key, _time.GetUtcNow());
        }

        backoff.ResetPrefix("u/");

        Assert.Equal(TimeSpan.Zero, backoff.Get("u/a"));
        Assert.Equal(TimeSpan.Zero, backoff.Get("u/b"));
        Assert.Equal(TimeSpan.FromSeconds(10), backoff.Get("v/a"));
    }
}
