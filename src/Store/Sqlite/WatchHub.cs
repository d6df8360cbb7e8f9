namespace Orchestrator.Store.Sqlite;

/// <summary>
/// In-process fan-out of committed changes to watchers, without polling the database. The
/// published revision and the subscriber list change under one lock, so a new subscriber knows
/// exactly from which revision on it receives live events. Progress events for idle watchers come from one
/// timer here, written into their feeds under the same lock (so after every event they cover), rather than
/// from a timeout per watcher and wait: dozens of idle watch caches each waking ten times a second were most
/// of an idle cluster's allocations.
/// </summary>
internal sealed class WatchHub(int capacity, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly List<WatchSubscription> _subscriptions = [];
    private long _published;
    private bool _closed;
    private ITimer? _progressTimer;
    private TimeSpan _progressTick = Timeout.InfiniteTimeSpan;

    /// <summary>The newest revision whose events have been published (and so is readable).</summary>
    public long PublishedRevision => Interlocked.Read(ref _published);

    public void Start(long revision) => Interlocked.Exchange(ref _published, revision);

    /// <summary>Subscribes to live events under <paramref name="prefix"/>, and to progress events every <paramref name="progressInterval"/> while idle.</summary>
    public WatchSubscription Subscribe(string prefix, TimeSpan? progressInterval = null)
    {
        lock (_gate)
        {
            var subscription = new WatchSubscription(prefix, _published, capacity, progressInterval, time.GetTimestamp());
            if (_closed)
            {
                subscription.Events.Writer.TryComplete();
            }
            else
            {
                _subscriptions.Add(subscription);
                if (progressInterval is { } interval && (_progressTick == Timeout.InfiniteTimeSpan || interval < _progressTick))
                {
                    TickEvery(interval);
                }
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

    /// <summary>Runs the progress timer at the shortest interval asked for (under the lock).</summary>
    private void TickEvery(TimeSpan interval)
    {
        _progressTick = interval;
        if (_progressTimer is null)
        {
            // The timer outlives the first watcher: it must not hold on to that caller's async-local state.
            if (ExecutionContext.IsFlowSuppressed())
            {
                _progressTimer = CreateProgressTimer();
            }
            else
            {
                using (ExecutionContext.SuppressFlow())
                {
                    _progressTimer = CreateProgressTimer();
                }
            }
        }

        _progressTimer.Change(interval, interval);
    }

    private ITimer CreateProgressTimer() =>
        time.CreateTimer(static hub => ((WatchHub)hub!).SendProgress(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    /// <summary>One progress tick: each idle watcher that asked for progress learns the published revision.</summary>
    private void SendProgress()
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            // A watcher's interval is met at the first tick within half a tick of it: timers fire a little early or late.
            var slack = _progressTick / 2;
            foreach (var subscription in _subscriptions)
            {
                subscription.OfferProgress(_published, time, now, slack);
            }
        }
    }

    /// <summary>Ends every watch (the store is closing).</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            _progressTimer?.Dispose();
            foreach (var subscription in _subscriptions)
            {
                subscription.Events.Writer.TryComplete();
            }

            _subscriptions.Clear();
        }
    }
}
