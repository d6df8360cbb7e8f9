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
    /// <summary>
    /// How long an answer is held. The overtaking event is normally sent right after the answer, but
    /// on a busy etcd host it was seen more than 10 ms later; this also exceeds etcd's 100 ms loop
    /// that feeds watchers behind the head.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(200);

    private long _lastActivity = time.GetTimestamp();
    private long? _pending;
    private long _pendingSince;

    /// <summary>Time until <see cref="TakeSettled"/> or <see cref="TakeRequestDue"/> may have something to do.</summary>
    public TimeSpan UntilDue()
    {
        var due = _pending is null
            ? interval - time.GetElapsedTime(_lastActivity)
            : Settle - time.GetElapsedTime(_pendingSince);
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
        // A report behind what was delivered is one of the stale answers described above. While one
        // is held, newer reports are ignored: each would restart the hold, and the next request after
        // this one is passed on brings a fresh one anyway.
        if (revision >= delivered && _pending is null)
        {
            _pending = revision;
            _pendingSince = _lastActivity;
        }
    }

    /// <summary>The held progress revision once it has settled, else null.</summary>
    public long? TakeSettled()
    {
        if (_pending is not { } revision || time.GetElapsedTime(_pendingSince) < Settle)
        {
            return null;
        }

        _pending = null;
        return revision;
    }

    /// <summary>True (once) when the watch has been idle for the interval, holds no report, and should ask for progress.</summary>
    public bool TakeRequestDue()
    {
        if (_pending is not null || time.GetElapsedTime(_lastActivity) < interval)
        {
            return false;
        }

        // Counts as activity: etcd may not answer (newer versions skip watchers still catching up).
        _lastActivity = time.GetTimestamp();
        return true;
    }
}
