using Orchestrator.Kubelet.Backoff;
using Orchestrator.Testing;

namespace Orchestrator.Kubelet.Tests.Backoff;

public sealed class KeyedBackoffTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Failures_double_from_10s_up_to_5_minutes()
    {
        var backoff = KeyedBackoff.Kubelet(_time);

        var waits = Enumerable.Range(0, 8).Select(_ => (int)backoff.Next("a").TotalSeconds).ToList();

        Assert.Equal([10, 20, 40, 80, 160, 300, 300, 300], waits);
    }

    [Fact]
    public void In_back_off_until_the_current_wait_has_passed()
    {
        var backoff = KeyedBackoff.Kubelet(_time);
        Assert.False(backoff.IsInBackOffSinceUpdate("a"));

        backoff.Next("a");
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
        backoff.Next("a");
        backoff.Next("a");
        Assert.Equal(TimeSpan.FromSeconds(20), backoff.Get("a"));

        _time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        backoff.GC();
        Assert.Equal(TimeSpan.Zero, backoff.Get("a"));
        Assert.Equal(TimeSpan.FromSeconds(10), backoff.Next("a"));
    }

    [Fact]
    public void Reset_forgets_a_key()
    {
        var backoff = KeyedBackoff.Kubelet(_time);
        backoff.Next("a");

        backoff.Reset("a");

        Assert.False(backoff.IsInBackOffSinceUpdate("a"));
    }
}
