using System.Threading.Channels;

namespace Orchestrator.ApiServer.Caching;

/// <summary>A watcher's feed from the cache: the backlog it asked for, then live events under its prefix.</summary>
internal sealed class CacheSubscription(string prefix, int capacity)
{
    public string Prefix { get; } = prefix;

    public Channel<CachedEvent> Events { get; } = Channel.CreateBounded<CachedEvent>(new BoundedChannelOptions(capacity)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Delivers a matching event; false when the watcher is too slow and has been closed.</summary>
    public bool Offer(CachedEvent change)
    {
        if (!change.Object.Key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return true;
        }

        if (Events.Writer.TryWrite(change))
        {
            return true;
        }

        Events.Writer.TryComplete(new CacheWatcherTooSlowException());
        return false;
    }
}
