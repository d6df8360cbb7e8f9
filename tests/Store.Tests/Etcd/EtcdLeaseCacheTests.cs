using Orchestrator.Store.Etcd;

namespace Orchestrator.Store.Tests.Etcd;

public sealed class EtcdLeaseCacheTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly List<long> _granted = [];

    private EtcdLeaseCache NewCache() => new((seconds, _) =>
    {
        _granted.Add(seconds);
        return Task.FromResult((long)_granted.Count);
    }, _time);

    [Theory]
    [InlineData(1, 2)]
    [InlineData(10, 11)]
    [InlineData(100, 105)]
    [InlineData(3600, 3660)]
    [InlineData(86400, 86460)]
    public async Task A_lease_is_granted_for_the_ttl_plus_the_reuse_window(long ttlSeconds, long grantedSeconds)
    {
        await NewCache().GetAsync(TimeSpan.FromSeconds(ttlSeconds), CancellationToken.None);

        Assert.Equal([grantedSeconds], _granted);
    }

    [Fact]
    public async Task Keys_with_the_same_ttl_share_a_lease_within_the_reuse_window_only()
    {
        var cache = NewCache();
        var ttl = TimeSpan.FromSeconds(100);

        var first = await cache.GetAsync(ttl, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(4.9));
        var reused = await cache.GetAsync(ttl, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(0.2));
        var fresh = await cache.GetAsync(ttl, CancellationToken.None);

        Assert.Equal(first, reused);
        Assert.NotEqual(first, fresh);
        Assert.Equal(2, _granted.Count);
    }

    [Fact]
    public async Task Different_ttls_get_different_leases_and_fractions_of_seconds_round_up()
    {
        var cache = NewCache();

        var a = await cache.GetAsync(TimeSpan.FromSeconds(100), CancellationToken.None);
        var b = await cache.GetAsync(TimeSpan.FromSeconds(200), CancellationToken.None);
        var c = await cache.GetAsync(TimeSpan.FromSeconds(99.2), CancellationToken.None);

        Assert.NotEqual(a, b);
        Assert.Equal(a, c);
        Assert.Equal([105, 210], _granted);
    }

    [Fact]
    public async Task A_lease_is_shared_by_at_most_a_thousand_keys()
    {
        var cache = NewCache();
        var leases = new List<long>();
        for (var i = 0; i < 1001; i++)
        {
            leases.Add(await cache.GetAsync(TimeSpan.FromMinutes(10), CancellationToken.None));
        }

        Assert.Equal(1000, leases.Count(l => l == leases[0]));
        Assert.Equal(2, _granted.Count);
    }

    [Fact]
    public async Task A_ttl_that_is_not_positive_is_rejected()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => NewCache().GetAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.Empty(_granted);
    }
}
