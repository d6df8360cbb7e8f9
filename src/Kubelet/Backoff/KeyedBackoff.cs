namespace Orchestrator.Kubelet.Backoff;

/// <summary>
/// Per-key exponential back-off with client-go's flowcontrol.Backoff semantics, the one the kubelet
/// uses for container restarts (keyed by pod uid and container) and image pulls (keyed by pod and
/// image). <see cref="Next"/> records a failure at an event time — the first (or the first after the
/// entry expired) waits <see cref="BackoffPolicy.Initial"/>, each later one doubles up to
/// <see cref="BackoffPolicy.Max"/>; an entry expires when an event comes more than
/// <see cref="BackoffPolicy.ResetAfter"/> after the last one. Event times are passed in (a
/// container's finishedAt, the time a pull failed); "now" comes from the injected clock. Thread-safe.
/// </summary>
internal sealed class KeyedBackoff(BackoffPolicy policy, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>A back-off with upstream kubelet's numbers (<see cref="BackoffPolicy.Kubelet"/>).</summary>
    public static KeyedBackoff Kubelet(TimeProvider time) => new(BackoffPolicy.Kubelet, time);

    public TimeProvider Time => time;

    /// <summary>Records a failure of <paramref name="key"/> at <paramref name="eventTime"/> and returns the back-off that now applies.</summary>
    public TimeSpan Next(string key, DateTimeOffset eventTime)
    {
        lock (_lock)
        {
            var entry = !_entries.TryGetValue(key, out var last) || Expired(last, eventTime)
                ? new Entry(policy.Initial, eventTime)
                : new Entry(policy.After(last.Backoff), eventTime);
            _entries[key] = entry;
            return entry.Backoff;
        }
    }

    /// <summary>
    /// How long <paramref name="key"/> stays in back-off from now, counted from an event at
    /// <paramref name="eventTime"/> (upstream's IsInBackOffSince); zero when it is not in back-off.
    /// </summary>
    public TimeSpan RemainingSince(string key, DateTimeOffset eventTime)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var entry) || Expired(entry, eventTime))
            {
                return TimeSpan.Zero;
            }

            var left = entry.Backoff - (now - eventTime);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary>How long <paramref name="key"/> stays in back-off from now, counted from its last failure; zero when it is not.</summary>
    public TimeSpan Remaining(string key)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(key, out var entry) ? RemainingSince(key, entry.LastUpdate) : TimeSpan.Zero;
        }
    }

    /// <summary>True while the back-off recorded by the last <see cref="Next"/> of <paramref name="key"/> has not passed.</summary>
    public bool IsInBackOffSinceUpdate(string key) => Remaining(key) > TimeSpan.Zero;

    /// <summary>The back-off currently recorded for <paramref name="key"/>, zero when none.</summary>
    public TimeSpan Get(string key)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(key, out var entry) ? entry.Backoff : TimeSpan.Zero;
        }
    }

    /// <summary>Forgets <paramref name="key"/> (e.g. after a success).</summary>
    public void Reset(string key)
    {
        lock (_lock)
        {
            _entries.Remove(key);
        }
    }

    /// <summary>Forgets every key that starts with <paramref name="prefix"/> (every container of a pod that is gone).</summary>
    public void ResetPrefix(string prefix)
    {
        lock (_lock)
        {
            foreach (var key in _entries.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
            {
                _entries.Remove(key);
            }
        }
    }

    /// <summary>Drops every entry expired by now (upstream calls this after each successful pull).</summary>
    public void GC()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            foreach (var key in _entries.Where(e => Expired(e.Value, now)).Select(e => e.Key).ToList())
            {
                _entries.Remove(key);
            }
        }
    }

    private bool Expired(Entry entry, DateTimeOffset eventTime) => eventTime - entry.LastUpdate > policy.ResetAfter;

    private readonly record struct Entry(TimeSpan Backoff, DateTimeOffset LastUpdate);
}
