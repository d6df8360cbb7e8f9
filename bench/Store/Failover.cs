using System.Globalization;
using Orchestrator.Store;
using Orchestrator.Testing;

namespace Orchestrator.Bench;

/// <summary>
/// bench/etcd-failover.sh: a three-member etcd cluster, N writers creating keys through one EtcdStore
/// given all three members; members are killed with SIGKILL in turns, a follower (the baseline: no
/// election) then the leader, and each kill reports the write gap (longest pause between acknowledged
/// writes from the last one before the kill), that gap as a multiple of the election timeout, the write
/// rate before and after, and whether every acknowledged write is still there (read from a survivor).
/// </summary>
internal static class Failover
{
    private static readonly TimeSpan Steady = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(string[] args)
    {
        var writers = Option(args, "--writers", 16);
        var kills = Option(args, "--kills", 3);
        var election = EtcdCluster.ElectionTimeout;
        Console.WriteLine($"# etcd fail-over benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; etcd 3 members, heartbeat {EtcdCluster.HeartbeatInterval.TotalMilliseconds} ms, "
            + $"election timeout {election.TotalMilliseconds} ms; {writers} writers through one EtcdStore on all three (default options)");
        Console.WriteLine();
        Console.WriteLine("| kill | member | gap ms | gap / election timeout | writes/s before | writes/s after | acknowledged | lost | failed |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");

        await using var cluster = await EtcdCluster.StartAsync();
        await using var store = StoreFactory.Open(cluster.StoreUrl("/bench"));
        await using (StoreWriters.Start(store, "/warmup/", writers))
        {
            await Task.Delay(Steady);
        }

        var gaps = new Dictionary<string, List<double>> { ["follower"] = [], ["leader"] = [] };
        var lost = 0;
        for (var round = 0; round < kills * 2; round++)
        {
            var role = round % 2 == 0 ? "follower" : "leader";
            var victim = role == "leader" ? await cluster.FindLeaderAsync() : await cluster.FindFollowerAsync();
            var prefix = $"/round{round}/";
            var writes = StoreWriters.Start(store, prefix, writers);
            TimeSpan killedAt, gap;
            double before, after;
            try
            {
                await Task.Delay(Steady);
                killedAt = writes.Now;
                await cluster.KillAsync(victim);
                // Writes have resumed once a good number is acknowledged; the rate after is measured past that.
                await writes.WaitForAcksAfterAsync(killedAt, writers * 5, TimeSpan.FromSeconds(60));
                await Task.Delay(Steady);
                gap = writes.GapAfter(killedAt) ?? throw new InvalidOperationException("no write after the kill");
                before = writes.RateBetween(TimeSpan.FromMilliseconds(500), killedAt);
                after = writes.RateBetween(writes.Now - Steady, writes.Now);
            }
            finally
            {
                await writes.DisposeAsync();
            }

            var missing = await MissingAsync(cluster.StoreUrl("/bench"), prefix, writes.Acks);
            lost += missing;
            gaps[role].Add(gap.TotalMilliseconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {role} | m{victim} | {gap.TotalMilliseconds:F0} | {gap / election:F1} | {before:F0} | {after:F0} | {writes.Acks.Count} | {missing} | {writes.Failures.Count} |"));
            await cluster.RestartAsync(victim);
        }

        var leaderGap = Median(gaps["leader"]);
        var followerGap = Median(gaps["follower"]);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median write gap: leader kill {leaderGap:F0} ms ({leaderGap / election.TotalMilliseconds:F1}× election timeout), "
            + $"follower kill {followerGap:F0} ms (baseline); leader − baseline {leaderGap - followerGap:F0} ms; acknowledged writes lost: {lost}"));
        return lost == 0 ? 0 : 1;
    }

    /// <summary>How many acknowledged writes are missing or different, read through the cluster after the round.</summary>
    private static async Task<int> MissingAsync(string storeUrl, string prefix, IReadOnlyList<StoreWriters.Ack> acks)
    {
        await using var reader = StoreFactory.Open(storeUrl);
        var stored = new Dictionary<string, KeyValue>();
        string? next = null;
        do
        {
            var page = await reader.ListAsync(new ListOptions { Prefix = prefix, Limit = 5000, Continue = next });
            foreach (var item in page.Items)
            {
                stored[item.Key] = item;
            }

            next = page.Continue;
        }
        while (next is not null);
        return acks.Count(a => !stored.TryGetValue(a.Key, out var kv) || !kv.Value.AsSpan().SequenceEqual(a.Value));
    }

    private static double Median(List<double> values) =>
        values.Count == 0 ? double.NaN : values.Order().ElementAt(values.Count / 2);

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
