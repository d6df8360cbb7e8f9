using System.Threading.Channels;

namespace Orchestrator.Store.Sqlite;

/// <summary>One watcher's live feed: events published after <see cref="LiveFrom"/> under its prefix.</summary>
internal sealed class WatchSubscription(string prefix, long liveFrom, int capacity, TimeSpan? progressInterval, long subscribedAt)
{
    private long _lastWritten = liveFrom;
    private long _lastProgressAt = subscribedAt;
    private bool _progressSent;

    public string Prefix { get; } = prefix;

    /// <summary>Every event with a revision above this reaches <see cref="Events"/>; older ones come from the log.</summary>
    public long LiveFrom { get; } = liveFrom;

    /// <summary>How often the watcher wants to hear how far it is up to date while idle; null for never.</summary>
    public TimeSpan? ProgressInterval { get; } = progressInterval;

    public Channel<WatchEvent> Events { get; } = Channel.CreateBounded<WatchEvent>(new BoundedChannelOptions(capacity)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Delivers a matching event; false when the watcher lagged and was cut off.</summary>
    public bool Offer(WatchEvent change)
    {
        if (!change.Current!.Key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return true;
        }

        if (Events.Writer.TryWrite(change))
        {
            _lastWritten = change.Revision;
            return true;
        }

        Events.Writer.TryComplete(new StoreWatchLaggedException(_lastWritten));
        return false;
    }

    /// <summary>
    /// Delivers a progress event at <paramref name="published"/> (every event up to it was offered before) when the
    /// watcher asked for them, its feed is empty, its interval (less <paramref name="slack"/>) has passed since the
    /// last one, and it is news: the first one, or the revision moved past the last event written. A repeat of a
    /// revision the watcher already knows would only wake it.
    /// </summary>
    public void OfferProgress(long published, TimeProvider time, long now, TimeSpan slack)
    {
        if (ProgressInterval is not { } interval
            || Events.Reader.Count > 0
            || (_progressSent && published <= _lastWritten)
            || time.GetElapsedTime(_lastProgressAt, now) < interval - slack)
        {
            return;
        }

        if (Events.Writer.TryWrite(new WatchEvent(WatchEventType.Progress, published, null, null)))
        {
            _lastWritten = published;
            _lastProgressAt = now;
            _progressSent = true;
        }
    }
}
