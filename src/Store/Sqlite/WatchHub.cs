namespace Orchestrator.Store.Sqlite;

/// <summary>
/// In-process fan-out of committed changes to watchers, without polling the database. The
/// published revision and the subscriber list change under one lock, so a new subscriber knows
/// exactly from which revision on it receives live events.
/// </summary>
internal sealed class WatchHub(int capacity)
{
    private readonly Lock _gate = new();
    private readonly List<WatchSubscription> _subscriptions = [];
    private long _published;
    private bool _closed;

    /// <summary>The newest revision whose events have been published (and so is readable).</summary>
    public long PublishedRevision => Interlocked.Read(ref _published);

    public void Start(long revision) => Interlocked.Exchange(ref _published, revision);

    public WatchSubscription Subscribe(string prefix)
    {
        lock (_gate)
        {
            var subscription = new WatchSubscription(prefix, _published, capacity);
            if (_closed)
            {
                subscription.Events.Writer.TryComplete();
            }
            else
            {
                _subscriptions.Add(subscription);
            }

            return subscription;
        }
    }

    public void Unsubscribe(WatchSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Remove(subscription);
        }
    }

    /// <summary>Publishes one committed batch, in revision order, and advances the published revision.</summary>
    public void Publish(List<WatchEvent> events, long revision)
    {
        lock (_gate)
        {
            for (var i = _subscriptions.Count - 1; i >= 0; i--)
            {
                var subscription = _subscriptions[i];
                foreach (var change in events)
                {
                    if (!subscription.Offer(change))
                    {
                        _subscriptions.RemoveAt(i);
                        break;
                    }
                }
            }

            Interlocked.Exchange(ref _published, revision);
        }
    }

    /// <summary>
    /// The revision a watcher is caught up to when its feed is empty, checked under the lock so no
    /// publish can slip in between; null when events are still waiting in its feed.
    /// </summary>
    public long? CaughtUpRevision(WatchSubscription subscription)
    {
        lock (_gate)
        {
            return subscription.Events.Reader.Count == 0 ? _published : null;
        }
    }

    /// <summary>Ends every watch (the store is closing).</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            foreach (var subscription in _subscriptions)
            {
                subscription.Events.Writer.TryComplete();
            }

            _subscriptions.Clear();
        }
    }
}
