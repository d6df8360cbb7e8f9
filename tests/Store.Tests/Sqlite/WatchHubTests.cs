using Microsoft.Extensions.Time.Testing;
using Orchestrator.Store.Sqlite;

namespace Orchestrator.Store.Tests.Sqlite;

/// <summary>Progress events from the hub's one timer: at the interval, only when they are news, never ahead of events.</summary>
public sealed class WatchHubTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void An_idle_watcher_hears_the_published_revision_once_and_again_only_after_a_change_elsewhere()
    {
        var hub = new WatchHub(100, _time);
        hub.Start(5);
        var subscription = hub.Subscribe("/quiet/", Interval);

        _time.Advance(Interval);
        Assert.Equal([(WatchEventType.Progress, 5L)], Drain(subscription));

        _time.Advance(Interval * 5);
        Assert.Empty(Drain(subscription));

        hub.Publish([Created("/elsewhere/a", 6), Created("/elsewhere/b", 7)], 7);
        _time.Advance(Interval);
        Assert.Equal([(WatchEventType.Progress, 7L)], Drain(subscription));
    }

    [Fact]
    public void Progress_follows_the_events_it_covers_and_waits_while_the_feed_is_not_empty()
    {
        var hub = new WatchHub(100, _time);
        hub.Start(1);
        var subscription = hub.Subscribe("/a/", Interval);
        hub.Publish([Created("/a/x", 2)], 2);
        hub.Publish([Created("/b/y", 3)], 3);

        _time.Advance(Interval);
        Assert.Equal([(WatchEventType.Created, 2L)], Drain(subscription));

        _time.Advance(Interval);
        Assert.Equal([(WatchEventType.Progress, 3L)], Drain(subscription));
    }

    [Fact]
    public void A_watcher_that_did_not_ask_hears_no_progress_and_a_slower_one_hears_it_at_its_own_interval()
    {
        var hub = new WatchHub(100, _time);
        hub.Start(1);
        var silent = hub.Subscribe("/a/");
        var slow = hub.Subscribe("/a/", Interval * 3);
        hub.Subscribe("/b/", Interval);

        _time.Advance(Interval * 2);
        Assert.Empty(Drain(slow));
        _time.Advance(Interval);
        Assert.Equal([(WatchEventType.Progress, 1L)], Drain(slow));
        Assert.Empty(Drain(silent));
    }

    [Fact]
    public void Closing_stops_the_progress_timer_and_ends_every_feed()
    {
        var hub = new WatchHub(100, _time);
        var subscription = hub.Subscribe("/", Interval);
        hub.Close();

        _time.Advance(Interval * 2);
        Assert.Empty(Drain(subscription));
        Assert.True(subscription.Events.Reader.Completion.IsCompleted);
    }

    private static WatchEvent Created(string key, long revision) =>
        new(WatchEventType.Created, revision, new KeyValue(key, [], revision, revision), null);

    private static List<(WatchEventType Type, long Revision)> Drain(WatchSubscription subscription)
    {
        var events = new List<(WatchEventType, long)>();
        while (subscription.Events.Reader.TryRead(out var change))
        {
            events.Add((change.Type, change.Revision));
        }

        return events;
    }
}
