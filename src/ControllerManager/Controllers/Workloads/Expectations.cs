namespace Orchestrator.ControllerManager.Controllers.Workloads;

/// <summary>
/// Creations and deletions a controller issued but its informer has not shown yet (upstream
/// ControllerExpectations). A key whose expectations are pending must not be acted on again, or it
/// would create the same pods twice; expectations older than <see cref="Ttl"/> are considered
/// satisfied, so a lost watch event never wedges a controller. Thread-safe.
/// </summary>
internal sealed class Expectations<TKey>(TimeProvider time) where TKey : notnull
{
    public static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

    private readonly Dictionary<TKey, Entry> _entries = [];
    private readonly Lock _lock = new();

    public void ExpectCreations(TKey key, int count) => Set(key, count, 0);

    public void ExpectDeletions(TKey key, int count) => Set(key, 0, count);

    public void CreationObserved(TKey key) => Lower(key, 1, 0);

    public void DeletionObserved(TKey key) => Lower(key, 0, 1);

    /// <summary>True when nothing is pending for <paramref name="key"/> (or the expectation expired).</summary>
    public bool Satisfied(TKey key)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                return true;
            }

            return (entry.Adds <= 0 && entry.Deletes <= 0) || time.GetUtcNow() - entry.Since > Ttl;
        }
    }

    public void Forget(TKey key)
    {
        lock (_lock)
        {
            _entries.Remove(key);
        }
    }

    private void Set(TKey key, int adds, int deletes)
    {
        lock (_lock)
        {
            _entries.TryGetValue(key, out var entry);
            var keep = entry is not null && time.GetUtcNow() - entry.Since <= Ttl;
            _entries[key] = new Entry(
                Math.Max(keep ? entry!.Adds : 0, 0) + adds,
                Math.Max(keep ? entry!.Deletes : 0, 0) + deletes,
                time.GetUtcNow());
        }
    }

    private void Lower(TKey key, int adds, int deletes)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                _entries[key] = entry with { Adds = entry.Adds - adds, Deletes = entry.Deletes - deletes };
            }
        }
    }

    private sealed record Entry(int Adds, int Deletes, DateTimeOffset Since);
}
