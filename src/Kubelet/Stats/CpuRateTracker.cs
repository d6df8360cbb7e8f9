namespace Orchestrator.Kubelet.Stats;

/// <summary>
/// usageNanoCores from two samples of cumulative CPU time: the last sample of each key (the node, a
/// container id, a pod uid) is kept, as upstream's CRI stats provider caches it per container, and the
/// rate is the difference over the time between them. Keys not seen in a round are forgotten
/// (<see cref="Retain"/>). Not thread-safe: the caller serializes rounds.
/// </summary>
internal sealed class CpuRateTracker
{
    private readonly Dictionary<string, (DateTimeOffset Time, ulong Usage)> _last = new(StringComparer.Ordinal);

    /// <summary>
    /// Records a sample and returns the rate since the previous one: null for the first sample, a sample
    /// not newer than the kept one, or a counter that went back (a restarted container).
    /// </summary>
    public ulong? Update(string key, DateTimeOffset time, ulong usageNanoseconds)
    {
        ulong? rate = null;
        if (_last.TryGetValue(key, out var previous))
        {
            if (time <= previous.Time)
            {
                return null;
            }

            if (usageNanoseconds >= previous.Usage)
            {
                var elapsed = (time - previous.Time).Ticks * 100.0;
                rate = (ulong)Math.Round((usageNanoseconds - previous.Usage) / elapsed * 1e9);
            }
        }

        _last[key] = (time, usageNanoseconds);
        return rate;
    }

    /// <summary>Forgets every key not in <paramref name="seen"/> (containers and pods that are gone).</summary>
    public void Retain(IReadOnlySet<string> seen)
    {
        foreach (var key in _last.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            _last.Remove(key);
        }
    }
}
