using Orchestrator.Store;

namespace Orchestrator.Store.Tests.Conformance;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task List_returns_the_keys_under_the_prefix_in_key_order_at_the_current_revision()
    {
        var store = await NewStoreAsync();
        foreach (var key in new[] { "/pods/b", "/pods/a", "/podsx/c", "/pod", "/services/a", "/pods/a/b" })
        {
            await store.CreateAsync(key, Bytes(key));
        }

        var list = await store.ListAsync(new ListOptions { Prefix = "/pods/" });

        Assert.Equal(["/pods/a", "/pods/a/b", "/pods/b"], list.Items.Select(i => i.Key));
        Assert.Equal(await store.GetCurrentRevisionAsync(), list.Revision);
        Assert.Null(list.Continue);
        Assert.All(list.Items, i => Assert.Equal(i.Key, Text(i.Value)));
        Assert.Equal(6, (await store.ListAsync(new ListOptions())).Items.Count);
    }

    [Fact]
    public async Task List_at_an_older_revision_returns_that_snapshot()
    {
        var store = await NewStoreAsync();
        var a = await store.CreateAsync("/s/a", Bytes("a1"));
        await store.CreateAsync("/s/b", Bytes("b1"));
        var snapshot = await store.GetCurrentRevisionAsync();
        await store.UpdateAsync("/s/a", Bytes("a2"), a.ModRevision);
        await store.DeleteAsync("/s/b");
        await store.CreateAsync("/s/c", Bytes("c1"));

        var old = await store.ListAsync(new ListOptions { Prefix = "/s/", AtRevision = snapshot });
        var now = await store.ListAsync(new ListOptions { Prefix = "/s/" });

        Assert.Equal(snapshot, old.Revision);
        Assert.Equal(["/s/a=a1", "/s/b=b1"], old.Items.Select(i => $"{i.Key}={Text(i.Value)}"));
        Assert.Equal(a.ModRevision, old.Items[0].ModRevision);
        Assert.Equal(["/s/a=a2", "/s/c=c1"], now.Items.Select(i => $"{i.Key}={Text(i.Value)}"));
    }

    [Fact]
    public async Task Paged_list_returns_every_key_once_at_the_first_pages_revision()
    {
        var store = await NewStoreAsync();
        for (var i = 0; i < 25; i++)
        {
            await store.CreateAsync($"/p/{i:D2}", Bytes("v"));
        }

        var keys = new List<string>();
        var revisions = new HashSet<long>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await store.ListAsync(new ListOptions { Prefix = "/p/", Limit = 10, Continue = next });
            keys.AddRange(page.Items.Select(i => i.Key));
            revisions.Add(page.Revision);
            next = page.Continue;
            pages++;

            // Writes between pages must not show up in later pages.
            await store.CreateAsync($"/p/{pages:D2}x", Bytes("late"));
            await store.DeleteAsync($"/p/{20 + pages:D2}");
        }
        while (next is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"/p/{i:D2}"), keys);
        Assert.Single(revisions);
    }

    [Fact]
    public async Task List_rejects_future_revisions_and_foreign_or_malformed_continue_tokens()
    {
        var store = await NewStoreAsync();
        for (var i = 0; i < 3; i++)
        {
            await store.CreateAsync($"/a/{i}", Bytes("v"));
        }

        var current = await store.GetCurrentRevisionAsync();
        await Assert.ThrowsAsync<StoreFutureRevisionException>(() => store.ListAsync(new ListOptions { Prefix = "/a/", AtRevision = current + 100 }));

        var page = await store.ListAsync(new ListOptions { Prefix = "/a/", Limit = 1 });
        Assert.NotNull(page.Continue);
        await Assert.ThrowsAsync<StoreInvalidContinueException>(() => store.ListAsync(new ListOptions { Prefix = "/b/", Continue = page.Continue }));
        await Assert.ThrowsAsync<StoreInvalidContinueException>(() => store.ListAsync(new ListOptions { Prefix = "/a/", Continue = "not-a-token!" }));
    }

    [Fact]
    public async Task List_and_continue_below_the_compaction_point_fail_with_Compacted()
    {
        var store = await NewStoreAsync();
        var first = await store.CreateAsync("/c/a", Bytes("1"));
        await store.CreateAsync("/c/b", Bytes("1"));
        var page = await store.ListAsync(new ListOptions { Prefix = "/c/", Limit = 1 });
        await store.UpdateAsync("/c/a", Bytes("2"), first.ModRevision);
        var compactAt = await store.GetCurrentRevisionAsync();

        await store.CompactAsync(compactAt);

        var old = await Assert.ThrowsAsync<StoreCompactedException>(() => store.ListAsync(new ListOptions { Prefix = "/c/", AtRevision = first.ModRevision }));
        Assert.Equal(first.ModRevision, old.RequestedRevision);
        await Assert.ThrowsAsync<StoreCompactedException>(() => store.ListAsync(new ListOptions { Prefix = "/c/", Continue = page.Continue }));
        var atCompaction = await store.ListAsync(new ListOptions { Prefix = "/c/", AtRevision = compactAt });
        Assert.Equal(["/c/a=2", "/c/b=1"], atCompaction.Items.Select(i => $"{i.Key}={Text(i.Value)}"));
    }

    [Fact]
    public async Task Compaction_is_idempotent_and_refuses_future_revisions()
    {
        var store = await NewStoreAsync();
        await store.CreateAsync("/x", Bytes("1"));
        var current = await store.GetCurrentRevisionAsync();

        await store.CompactAsync(current);
        await store.CompactAsync(current);
        await store.CompactAsync(1);

        await Assert.ThrowsAsync<StoreFutureRevisionException>(() => store.CompactAsync(current + 10));
        Assert.Equal(current, await store.GetCurrentRevisionAsync());
        Assert.Equal("1", Text((await store.GetAsync("/x"))!.Value));
    }

    [Fact]
    public async Task Paging_10000_keys_by_100_returns_each_exactly_once_at_one_revision_while_writes_continue()
    {
        var store = await NewStoreAsync();
        const int count = 10_000;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, ct) =>
            await store.CreateAsync($"/big/{i:D5}", Bytes("v0"), null, ct));

        // The first page fixes the snapshot; the writer starts only after it.
        var first = await store.ListAsync(new ListOptions { Prefix = "/big/", Limit = 100 });
        var seen = new List<string>(count);
        seen.AddRange(first.Items.Select(i => i.Key));
        var revisions = new HashSet<long> { first.Revision };
        var next = first.Continue;

        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var random = new Random(42);
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                await store.CreateAsync($"/big/{random.Next(count):D5}-new{++n}", Bytes("late"));
                var victim = $"/big/{random.Next(count):D5}";
                if (await store.GetAsync(victim) is { } current)
                {
                    try
                    {
                        await store.DeleteAsync(victim, current.ModRevision);
                    }
                    catch (StoreConflictException)
                    {
                        // Raced with ourselves on a random key: fine.
                    }
                }
            }
        });

        while (next is not null)
        {
            // Let at least one concurrent write land between every two pages.
            var seenRevision = await store.GetCurrentRevisionAsync();
            while (await store.GetCurrentRevisionAsync() == seenRevision)
            {
                await Task.Delay(1);
            }

            var page = await store.ListAsync(new ListOptions { Prefix = "/big/", Limit = 100, Continue = next });
            Assert.InRange(page.Items.Count, 1, 100);
            seen.AddRange(page.Items.Select(i => i.Key));
            revisions.Add(page.Revision);
            next = page.Continue;
        }

        await stop.CancelAsync();
        await writer;

        Assert.Single(revisions);
        Assert.True(await store.GetCurrentRevisionAsync() > revisions.Single() + 100);
        Assert.Equal(count, seen.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"/big/{i:D5}"), seen);
    }
}
