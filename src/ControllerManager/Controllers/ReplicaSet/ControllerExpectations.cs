namespace Orchestrator.ControllerManager.Controllers.ReplicaSet;

/// <summary>
/// What a controller is still waiting to see in its informer after its own creates and deletes
/// (upstream's <c>UIDTrackingControllerExpectations</c>): while pending, a sync must not act on the
/// possibly stale cache, or it would create or delete twice. Expectations expire after
/// <see cref="Ttl"/> so a lost event cannot wedge a controller. Thread-safe.
/// </summary>
internal sealed class ControllerExpectations(TimeProvider time)
{
    /// <summary>Upstream's <c>ExpectationsTimeout</c>.</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, Entry> _entries = [];
    private readonly Lock _lock = new();

    /// <summary>True when nothing is pending for <paramref name="key"/>, or what was pending expired.</summary>
    public bool Satisfied(string key)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                return true;
            }

            return (entry.Adds <= 0 && entry.Deletes.Count == 0) || time.GetUtcNow() - entry.SetAt > Ttl;
        }
    }

    public void ExpectCreations(string key, int count) => Set(key, count, []);

    /// <summary>Expects the deletion of the given pods (keyed <c>namespace/name</c>).</summary>
    public void ExpectDeletions(string key, IEnumerable<string> podKeys) => Set(key, 0, [.. podKeys]);

    /// <summary>One create was seen by the informer, or will never be (a failed create).</summary>
    public void CreationObserved(string key)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                entry.Adds--;
            }
        }
    }

    /// <summary>The pod's deletion was seen (deleted, or given a deletionTimestamp), or will never be.</summary>
    public void DeletionObserved(string key, string podKey)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                entry.Deletes.Remove(podKey);
            }
        }
    }

    /// <summary>Forgets <paramref name="key"/> (its controller was deleted).</summary>
    public void Delete(string key)
    {
        lock (_lock)
        {
            _entries.Remove(key);
        }
    }

    private void Set(string key, int adds, HashSet<string> deletes)
    {
        lock (_lock)
        {
            _entries[key] = new Entry { Adds = adds, Deletes = deletes, SetAt = time.GetUtcNow() };
        }
    }

    private sealed class Entry
    {
        public int Adds { get; set; }

        public required HashSet<string> Deletes { get; init; }

        public DateTimeOffset SetAt { get; init; }
    }
}
