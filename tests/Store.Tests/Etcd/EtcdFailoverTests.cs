using Orchestrator.Store.Etcd;
using Orchestrator.Testing;
using Xunit.Abstractions;

namespace Orchestrator.Store.Tests.Etcd;

/// <summary>
/// A store on all three members of a cluster while members are killed with SIGKILL under concurrent
/// writers: nothing acknowledged is lost and writes resume quickly. Each test leaves the cluster whole.
/// </summary>
public sealed class EtcdFailoverTests(EtcdClusterFixture etcd, ITestOutputHelper output) : IClassFixture<EtcdClusterFixture>
{
    private const int Writers = 16;
    private static readonly TimeSpan MaxGap = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Killing_the_leader_under_16_writers_loses_no_acknowledged_write_and_writes_resume_within_5_s()
    {
        var cluster = etcd.Cluster;
        var leader = await cluster.FindLeaderAsync();
        var (gap, prefix, acks) = await KillUnderWritersAsync(leader, cluster.KillAsync);

        Assert.True(gap < MaxGap, $"writes resumed {gap.TotalMilliseconds:F0} ms after the last acknowledgement before the leader died");
        var survivor = Enumerable.Range(0, 3).First(i => i != leader);
        await AssertAllPresentAsync(cluster.ClientUrls[survivor], prefix, acks);

        // The killed leader rejoins and catches up: a linearizable read through it alone sees every write.
        await cluster.RestartAsync(leader);
        await AssertAllPresentAsync(cluster.ClientUrls[leader], prefix, acks);
    }

    /// <summary>
    /// The compose case: a killed container's address drops packets instead of refusing them, so the
    /// store's open connection to the leader and any new connect to it hang rather than fail. The store
    /// names the leader first, so that is the member it is connected to.
    /// </summary>
    [Fact]
    public async Task Blackholing_the_leader_under_16_writers_loses_no_acknowledged_write_and_writes_resume_within_5_s()
    {
        var cluster = etcd.Cluster;
        var leader = await cluster.FindLeaderAsync();
        var leaderFirst = Enumerable.Range(0, 3).Select(i => cluster.ClientUrls[(leader + i) % 3]).ToArray();
        try
        {
            var (gap, prefix, acks) = await KillUnderWritersAsync(leader, cluster.BlackholeAsync, leaderFirst);
            Assert.True(gap < MaxGap, $"writes resumed {gap.TotalMilliseconds:F0} ms after the last acknowledgement before the leader's address went silent");
            await AssertAllPresentAsync(leaderFirst[1], prefix, acks);
            // Lifts the DROP rules before starting it again.
            await cluster.RestartAsync(leader);
            await AssertAllPresentAsync(cluster.ClientUrls[leader], prefix, acks);
        }
        finally
        {
            if (!cluster.IsRunning(leader))
            {
                await cluster.RestartAsync(leader);
            }
        }
    }

    [Fact]
    public async Task Killing_a_follower_under_16_writers_loses_nothing_and_barely_pauses_writes()
    {
        var cluster = etcd.Cluster;
        var follower = await cluster.FindFollowerAsync();
        var (gap, prefix, acks) = await KillUnderWritersAsync(follower, cluster.KillAsync);

        Assert.True(gap < MaxGap, $"writes resumed {gap.TotalMilliseconds:F0} ms after the last acknowledgement before the follower died");
        await AssertAllPresentAsync(cluster.ClientUrls[await cluster.FindLeaderAsync()], prefix, acks);
        await cluster.RestartAsync(follower);
    }

    [Fact]
    public async Task A_watch_broken_by_its_member_dying_moves_the_store_on_so_the_consumers_rewatch_works()
    {
        var cluster = etcd.Cluster;
        var follower = await cluster.FindFollowerAsync();
        var followerFirst = Enumerable.Range(0, 3).Select(i => cluster.ClientUrls[(follower + i) % 3]).ToArray();
        var prefix = $"/rewatch-{Guid.NewGuid():N}";
        await using var store = new EtcdStore(new EtcdStoreOptions(followerFirst) { KeyPrefix = prefix });
        // Writes go through another store, so only the watch can move this one off the dead member.
        await using var writer = new EtcdStore(new EtcdStoreOptions([followerFirst[1]]) { KeyPrefix = prefix });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            var first = await writer.CreateAsync("/a", "1"u8.ToArray());
            await using var watch = store.WatchAsync("/", first.ModRevision - 1, cancellationToken: timeout.Token).GetAsyncEnumerator(timeout.Token);
            Assert.True(await watch.MoveNextAsync());
            Assert.Equal("/a", watch.Current.Key);

            await cluster.KillAsync(follower);
            var broken = await Record.ExceptionAsync(async () => await watch.MoveNextAsync());
            output.WriteLine($"the watch ended with {broken?.GetType().Name}: {broken?.Message}");
            Assert.NotNull(broken);

            var second = await writer.CreateAsync("/b", "2"u8.ToArray());
            await foreach (var change in store.WatchAsync("/", first.ModRevision, cancellationToken: timeout.Token))
            {
                Assert.Equal(("/b", second.ModRevision), (change.Key, change.Revision));
                break;
            }
        }
        finally
        {
            if (!cluster.IsRunning(follower))
            {
                await cluster.RestartAsync(follower);
            }
        }
    }

    /// <summary>Runs 16 writers on a store naming <paramref name="endpoints"/> (default: every member in order), kills member <paramref name="victim"/> with <paramref name="kill"/>, waits for writes to resume; returns the gap and every acknowledged write.</summary>
    private async Task<(TimeSpan Gap, string Prefix, IReadOnlyList<StoreWriters.Ack> Acks)> KillUnderWritersAsync(
        int victim, Func<int, Task> kill, IReadOnlyList<Uri>? endpoints = null)
    {
        var prefix = $"/failover-{Guid.NewGuid():N}";
        await using var store = new EtcdStore(new EtcdStoreOptions(endpoints ?? etcd.Cluster.ClientUrls) { KeyPrefix = prefix });
        var writers = StoreWriters.Start(store, "/", Writers);
        TimeSpan gap;
        try
        {
            await writers.WaitForAcksAfterAsync(TimeSpan.Zero, 200, TimeSpan.FromSeconds(30));
            var killedAt = writers.Now;
            await kill(victim);
            await writers.WaitForAcksAfterAsync(killedAt, 200, TimeSpan.FromSeconds(30));
            gap = writers.GapAfter(killedAt)!.Value;
            output.WriteLine($"member {victim} killed at {killedAt.TotalMilliseconds:F0} ms; gap {gap.TotalMilliseconds:F0} ms");
        }
        finally
        {
            await writers.DisposeAsync();
        }

        output.WriteLine($"{writers.Acks.Count} acknowledged, {writers.Failures.Count} failed");
        foreach (var failure in writers.Failures)
        {
            output.WriteLine(failure);
        }

        return (gap, prefix, writers.Acks);
    }

    /// <summary>Every acknowledged write is there with its value, read linearizably (etcd's default) from <paramref name="member"/> alone.</summary>
    private static async Task AssertAllPresentAsync(Uri member, string prefix, IReadOnlyList<StoreWriters.Ack> acks)
    {
        await using var reader = new EtcdStore(new EtcdStoreOptions([member]) { KeyPrefix = prefix });
        var stored = (await reader.ListAsync(new ListOptions())).Items.ToDictionary(kv => kv.Key);
        var missing = acks.Where(a => !stored.TryGetValue(a.Key, out var kv) || !kv.Value.AsSpan().SequenceEqual(a.Value) || kv.ModRevision != a.Revision).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {acks.Count} acknowledged writes missing or different on {member}, e.g. {string.Join(", ", missing.Take(5).Select(a => a.Key))}");
    }
}
