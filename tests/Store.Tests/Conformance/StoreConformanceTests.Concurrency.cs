using System.Globalization;
using Orchestrator.Store;

namespace Orchestrator.Store.Tests.Conformance;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task Thirty_two_concurrent_read_modify_write_incrementers_lose_no_update()
    {
        var store = await NewStoreAsync();
        await store.CreateAsync("/counter", Bytes("0"));
        const int writers = 32;
        const int incrementsEach = 25;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < incrementsEach; i++)
            {
                await store.GuaranteedUpdateAsync("/counter", current =>
                    Bytes((long.Parse(Text(current.Value), CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture)));
            }
        })));

        var final = await store.GetAsync("/counter");
        Assert.Equal((writers * incrementsEach).ToString(CultureInfo.InvariantCulture), Text(final!.Value));
        Assert.Equal(final.CreateRevision + (writers * incrementsEach), final.ModRevision);
    }

    [Fact]
    public async Task A_watcher_from_R_sees_exactly_every_revision_after_R_in_order_while_eight_writers_run()
    {
        var store = await NewStoreAsync();
        await store.CreateAsync("/seed", Bytes("v"));
        var start = await store.GetCurrentRevisionAsync();
        const int writers = 8;
        const int writesEach = 150;
        var timeout = Timeout(120);

        var events = new List<WatchEvent>();
        var firstSeen = new TaskCompletionSource();
        var expectedLast = start + (writers * writesEach * 2);
        var watching = Task.Run(async () =>
        {
            await foreach (var change in store.WatchAsync("/", start, null, timeout))
            {
                events.Add(change);
                firstSeen.TrySetResult();
                if (change.Revision >= expectedLast)
                {
                    break;
                }
            }
        });

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < writesEach; i++)
            {
                var created = await store.CreateAsync($"/w{w}/{i}", Bytes("v"));
                if (i % 2 == 0)
                {
                    await store.UpdateAsync(created.Key, Bytes("u"), created.ModRevision);
                }
                else
                {
                    await store.DeleteAsync(created.Key, created.ModRevision);
                }
            }
        })));
        await watching.WaitAsync(timeout);

        Assert.Equal(expectedLast, await store.GetCurrentRevisionAsync());
        Assert.Equal(Enumerable.Range(1, writers * writesEach * 2).Select(i => start + i), events.Select(e => e.Revision));
        Assert.Equal(writers * writesEach, events.Count(e => e.Type == WatchEventType.Created));
        Assert.Equal(writers * writesEach / 2, events.Count(e => e.Type == WatchEventType.Deleted));
    }

    [Fact]
    public async Task A_watcher_started_late_replays_from_R_and_then_follows_without_gap_or_duplicate()
    {
        var store = await NewStoreAsync();
        var start = await store.GetCurrentRevisionAsync();
        const int total = 600;
        var writing = Parallel.ForEachAsync(Enumerable.Range(0, total), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await store.CreateAsync($"/late/{i}", Bytes("v"), null, ct));

        // Start the watch while writes are in flight, from the revision before any of them.
        while (await store.GetCurrentRevisionAsync() < start + (total / 3))
        {
            await Task.Delay(1);
        }

        var events = await CollectAsync(store.WatchAsync("/late/", start, null, Timeout(120)), start + total, Timeout(120));
        await writing;

        Assert.Equal(Enumerable.Range(1, total).Select(i => start + i), events.Select(e => e.Revision));
        Assert.Equal(total, events.Select(e => e.Key).Distinct().Count());
    }
}
