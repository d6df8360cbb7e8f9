using System.Threading.Channels;

namespace Orchestrator.Store.Sqlite;

/// <summary>One watcher's live feed: events published after <see cref="LiveFrom"/> under its prefix.</summary>
internal sealed class WatchSubscription(string prefix, long liveFrom, int capacity)
{
    private long _lastWritten = liveFrom;

    public string Prefix { get; } = prefix;

    /// <summary>Every event with a revision above this reaches <see cref="Events"/>; older ones come from the log.</summary>
    public long LiveFrom { get; } = liveFrom;

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
}
