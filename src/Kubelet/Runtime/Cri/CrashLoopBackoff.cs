using System.Collections.Concurrent;

namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>
/// The restart back-off of failed containers (upstream's flowcontrol.Backoff as the kubelet uses
/// it): the first restart is immediate, then 10 s doubling up to 5 min between restarts; a
/// container that ran longer than twice the maximum starts over at 10 s. Keyed by pod uid and
/// container name; thread-safe.
/// </summary>
public sealed class CrashLoopBackoff(TimeProvider time, TimeSpan? initial = null, TimeSpan? max = null)
{
    private readonly TimeSpan _initial = initial ?? TimeSpan.FromSeconds(10);
    private readonly TimeSpan _max = max ?? TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, Entry> _entries = new();

    /// <summary>
    /// Whether a container that finished at <paramref name="finishedAt"/> must still wait; if not,
    /// records the restart (the next wait doubles). Returns the time left to wait, or null to start now.
    /// </summary>
    public TimeSpan? Check(string podUid, string container, DateTime finishedAt)
    {
        var key = podUid + "/" + container;
        var now = time.GetUtcNow().UtcDateTime;
        if (_entries.TryGetValue(key, out var entry) && !Expired(finishedAt, entry.LastUpdate))
        {
            var left = entry.Delay - (now - finishedAt);
            if (left > TimeSpan.Zero)
            {
                return left;
            }
        }

        _entries[key] = entry is null || Expired(finishedAt, entry.LastUpdate)
            ? new Entry(_initial, finishedAt)
            : new Entry(entry.Delay * 2 > _max ? _max : entry.Delay * 2, finishedAt);
        return null;
    }

    /// <summary>The current delay for the container, for messages ("back-off 20s restarting …").</summary>
    public TimeSpan Delay(string podUid, string container) =>
        _entries.TryGetValue(podUid + "/" + container, out var entry) ? entry.Delay : _initial;

    /// <summary>Forgets every entry of a pod (the pod is gone).</summary>
    public void Forget(string podUid)
    {
        foreach (var key in _entries.Keys.Where(k => k.StartsWith(podUid + "/", StringComparison.Ordinal)))
        {
            _entries.TryRemove(key, out _);
        }
    }

    private bool Expired(DateTime finishedAt, DateTime lastUpdate) => finishedAt - lastUpdate > _max * 2;

    private sealed record Entry(TimeSpan Delay, DateTime LastUpdate);
}
