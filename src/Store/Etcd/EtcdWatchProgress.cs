namespace Orchestrator.Store.Etcd;

/// <summary>
/// Progress bookkeeping of one idle watch: when to ask etcd for progress, and when an answer may be
/// passed on as a <see cref="WatchEventType.Progress"/> event.
/// </summary>
/// <remarks>
/// Before 3.4.24 / 3.5.8 etcd answers a progress request with its current revision on a path that
/// can overtake events still queued for the watch (etcd-io/etcd#15220), so an answer may claim a
/// revision whose events are still on the way. An answer is therefore held for a short settle time:
/// events up to its revision arriving meanwhile go first, and any event past it makes it moot. Newer
/// etcd orders the answer after the events, where holding it only delays it.
/// </remarks>
internal sealed class EtcdWatchProgress(TimeProvider time, TimeSpan interval)
{
    /// <summary>Longest hold; above etcd's 100 ms loop that sends events to watchers behind the head.</summary>
    private static readonly TimeSpan MaxSettle = TimeSpan.FromMilliseconds(200);

    private readonly TimeSpan _settle = interval / 2 < MaxSettle ? interval / 2 : MaxSettle;
    private long _lastActivity = time.GetTimestamp();
    private long? _pending;
    private long _pendingSince;

    /// <summary>Time until <see cref="TakeSettled"/> or <see cref="TakeRequestDue"/> may have something to do.</summary>
    public TimeSpan UntilDue()
    {
        var due = interval - time.GetElapsedTime(_lastActivity);
        if (_pending is not null)
        {
            var settled = _settle - time.GetElapsedTime(_pendingSince);
            due = settled < due ? settled : due;
        }

        return due > TimeSpan.Zero ? due : TimeSpan.Zero;
    }

    /// <summary>A response without news for the consumer arrived (the create acknowledgement).</summary>
    public void OnResponse() => _lastActivity = time.GetTimestamp();

    /// <summary>Events up to <paramref name="lastRevision"/> were delivered.</summary>
    public void OnEvents(long lastRevision)
    {
        _lastActivity = time.GetTimestamp();
        if (_pending <= lastRevision)
        {
            _pending = null;
        }
    }

    /// <summary>etcd reported progress up to <paramref name="revision"/>; <paramref name="delivered"/> is the last revision passed on.</summary>
    public void OnProgress(long revision, long delivered)
    {
        _lastActivity = time.GetTimestamp();
        // A report behind what was delivered is one of the stale answers described above.
        if (revision >= delivered && (_pending is null || revision > _pending))
        {
            _pending = revision;
            _pendingSince = _lastActivity;
        }
    }

    /// <summary>The held progress revision once it has settled, else null.</summary>
    public long? TakeSettled()
    {
        if (_pending is not { } revision || time.GetElapsedTime(_pendingSince) < _settle)
        {
            return null;
        }

        _pending = null;
        return revision;
    }

    /// <summary>True (once) when the watch has been idle for the interval and should ask for progress.</summary>
    public bool TakeRequestDue()
    {
        if (time.GetElapsedTime(_lastActivity) < interval)
        {
            return false;
        }

        // Counts as activity: etcd may not answer (newer versions skip watchers still catching up).
        _lastActivity = time.GetTimestamp();
        return true;
    }
}
