namespace Orchestrator.Kubelet.Backoff;

/// <summary>
/// Per-key exponential back-off with client-go's flowcontrol.Backoff semantics (the kubelet's image pull and
/// container restart back-off): <see cref="Next"/> records a failure — the first (or the first after the entry
/// expired) waits <c>initial</c>, each later one doubles up to <c>max</c>; <see cref="IsInBackOffSinceUpdate"/>
/// is true while less than the current back-off has passed since the last failure. An entry expires when
/// 2 × max passes without a failure. Thread-safe.
/// </summary>
public sealed class KeyedBackoff(TimeSpan initial, TimeSpan max, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Upstream kubelet's image pull and crash-loop back-off: 10 s doubling to 5 min.</summary>
    public static KeyedBackoff Kubelet(TimeProvider time) => new(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5), time);

    public TimeProvider Time => time;

    /// <summary>Records a failure of <paramref name="key"/> now and returns the back-off that now applies.</summary>
    public TimeSpan Next(string key)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var entry) || Expired(entry, now))
            {
                entry = new Entry(initial, now);
            }
            else
            {
                var doubled = entry.Backoff * 2;
                entry = new Entry(doubled > max ? max : doubled, now);
            }

            _entries[key] = entry;
            return entry.Backoff;
        }
    }

    /// <summary>True while the back-off recorded by the last <see cref="Next"/> of <paramref name="key"/> has not passed.</summary>
    public bool IsInBackOffSinceUpdate(string key)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            return _entries.TryGetValue(key, out var entry) && now - entry.LastUpdate < entry.Backoff;
        }
    }

    /// <summary>How long <paramref name="key"/> stays in back-off from now; zero when it is not.</summary>
    public TimeSpan Remaining(string key)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            return _entries.TryGetValue(key, out var entry) && now - entry.LastUpdate < entry.Backoff
                ? entry.Backoff - (now - entry.LastUpdate)
                : TimeSpan.Zero;
        }
    }

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

    /// <summary>Drops every expired entry (upstream calls this after each successful pull).</summary>
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

    private bool Expired(Entry entry, DateTimeOffset now) => now - entry.LastUpdate > max * 2;

    private readonly record struct Entry(TimeSpan Backoff, DateTimeOffset LastUpdate);
}
