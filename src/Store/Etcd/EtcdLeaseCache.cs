namespace Orchestrator.Store.Etcd;

/// <summary>
/// Shares etcd leases between keys with the same TTL, as kube-apiserver's lease manager does: one
/// lease per TTL is reused for a short window after it was granted, so a burst of writes with TTLs
/// costs one LeaseGrant instead of one per key. The lease is granted for the TTL plus that window,
/// so no key expires before its own TTL; a key may live up to the window (and whole-second
/// rounding) longer.
/// </summary>
/// <remarks>Thread-safe. Two callers missing the cache at once both grant; the later lease is kept.</remarks>
internal sealed class EtcdLeaseCache(Func<long, CancellationToken, Task<long>> grant, TimeProvider time)
{
    /// <summary>Reuse a lease for at most this long...</summary>
    private static readonly TimeSpan MaxReuse = TimeSpan.FromSeconds(60);

    /// <summary>...and at most this fraction of its TTL.</summary>
    private const double ReuseFraction = 0.05;

    /// <summary>Expiring a lease deletes its keys in one transaction; keep that transaction small.</summary>
    private const int MaxKeysPerLease = 1000;

    private readonly Lock _lock = new();
    private readonly Dictionary<long, Lease> _byTtl = [];

    /// <summary>A lease that outlives <paramref name="ttl"/> (rounded up to whole seconds) from now.</summary>
    public async Task<long> GetAsync(TimeSpan ttl, CancellationToken cancellationToken)
    {
        var seconds = Seconds(ttl);
        lock (_lock)
        {
            if (_byTtl.TryGetValue(seconds, out var cached) && time.GetElapsedTime(cached.GrantStarted) < cached.Reuse && cached.Keys < MaxKeysPerLease)
            {
                cached.Keys++;
                return cached.Id;
            }
        }

        // The lease starts counting when etcd grants it, which is after this moment; reusing it
        // until this moment plus the window therefore never shortens a key's life.
        var started = time.GetTimestamp();
        var reuse = ReuseWindow(seconds);
        var id = await grant(seconds + (long)Math.Ceiling(reuse.TotalSeconds), cancellationToken);
        if (reuse > TimeSpan.Zero)
        {
            lock (_lock)
            {
                _byTtl[seconds] = new Lease(id, started, reuse) { Keys = 1 };
            }
        }

        return id;
    }

    /// <summary>Whole seconds of a TTL, rounded up: etcd leases count whole seconds.</summary>
    public static long Seconds(TimeSpan ttl)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero, nameof(ttl));
        return (long)Math.Ceiling(ttl.TotalSeconds);
    }

    /// <summary>How long a lease granted for <paramref name="seconds"/> is handed out again.</summary>
    public static TimeSpan ReuseWindow(long seconds) =>
        TimeSpan.FromSeconds(Math.Min(MaxReuse.TotalSeconds, seconds * ReuseFraction));

    private sealed class Lease(long id, long grantStarted, TimeSpan reuse)
    {
        public long Id { get; } = id;

        public long GrantStarted { get; } = grantStarted;

        public TimeSpan Reuse { get; } = reuse;

        public int Keys { get; set; }
    }
}
