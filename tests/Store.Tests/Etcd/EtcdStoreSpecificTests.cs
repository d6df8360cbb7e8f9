using System.Text;
using Orchestrator.Store.Etcd;
using Orchestrator.Testing;

namespace Orchestrator.Store.Tests.Etcd;

/// <summary>What is particular to the etcd backend, against a real etcd (one per test class).</summary>
public sealed class EtcdStoreSpecificTests(EtcdServerFixture etcd) : IClassFixture<EtcdServerFixture>, IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _disposables = [];

    [Fact]
    public async Task Fresh_etcd_is_at_revision_1_and_the_first_create_gets_2()
    {
        await using var server = await EtcdServer.StartAsync(Timeout());
        var store = Track(new EtcdStore(EtcdStoreOptions.For(server.ClientUrl.ToString())));

        Assert.Equal(1, await store.GetCurrentRevisionAsync());
        var created = await store.CreateAsync("a", Bytes("1"));
        Assert.Equal(("a", "1", 2L, 2L), (created.Key, Text(created.Value), created.CreateRevision, created.ModRevision));

        // Without a key prefix the store is the whole key space, down to the first possible key.
        var list = await store.ListAsync(new ListOptions());
        Assert.Equal(["a"], list.Items.Select(i => i.Key));
        await using var watch = store.WatchAsync("", 0).GetAsyncEnumerator(Timeout());
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal((WatchEventType.Created, 2L, "a"), (watch.Current.Type, watch.Current.Revision, watch.Current.Key));
    }

    [Fact]
    public async Task Writes_are_compare_and_swap_on_revisions()
    {
        var store = NewStore();
        var created = await store.CreateAsync("/k", Bytes("1"));
        Assert.Equal(created.CreateRevision, created.ModRevision);
        Assert.Equal(created.ModRevision, await store.GetCurrentRevisionAsync());

        await Assert.ThrowsAsync<StoreKeyExistsException>(() => store.CreateAsync("/k", Bytes("x")));
        var updated = await store.UpdateAsync("/k", Bytes("2"), created.ModRevision);
        Assert.Equal((created.CreateRevision, created.ModRevision + 1), (updated.CreateRevision, updated.ModRevision));

        var conflict = await Assert.ThrowsAsync<StoreConflictException>(() => store.UpdateAsync("/k", Bytes("3"), created.ModRevision));
        Assert.Equal(("2", updated.ModRevision, created.ModRevision), (Text(conflict.Current.Value), conflict.Current.ModRevision, conflict.ExpectedModRevision));
        await Assert.ThrowsAsync<StoreConflictException>(() => store.DeleteAsync("/k", created.ModRevision));
        await Assert.ThrowsAsync<StoreKeyNotFoundException>(() => store.UpdateAsync("/missing", Bytes("1"), updated.ModRevision));
        await Assert.ThrowsAsync<StoreKeyNotFoundException>(() => store.DeleteAsync("/missing"));
        Assert.Equal(updated.ModRevision, await store.GetCurrentRevisionAsync());

        var deleted = await store.DeleteAsync("/k", updated.ModRevision);
        Assert.Equal(("2", created.CreateRevision, updated.ModRevision + 1), (Text(deleted.Value), deleted.CreateRevision, deleted.ModRevision));
        Assert.Null(await store.GetAsync("/k"));
    }

    [Fact]
    public async Task A_key_with_a_ttl_is_deleted_by_etcd_and_watchers_see_the_delete()
    {
        var store = NewStore();
        var start = await store.GetCurrentRevisionAsync();
        var untied = await store.CreateAsync("/ttl/untied", Bytes("kept"), TimeSpan.FromSeconds(1));
        var expiring = await store.CreateAsync("/ttl/expiring", Bytes("short"), TimeSpan.FromSeconds(1));
        // An update without a TTL detaches the key from its lease.
        await store.UpdateAsync("/ttl/untied", Bytes("kept"), untied.ModRevision);

        var events = await CollectUntilAsync(store.WatchAsync("/ttl/", start), e => e.Type == WatchEventType.Deleted);

        Assert.Equal([WatchEventType.Created, WatchEventType.Created, WatchEventType.Updated, WatchEventType.Deleted], events.Select(e => e.Type));
        var expiry = events[^1];
        Assert.Equal("/ttl/expiring", expiry.Key);
        Assert.Equal(new KeyValue("/ttl/expiring", expiry.Current!.Value, expiring.CreateRevision, expiry.Revision), expiry.Current);
        Assert.Equal("short", Text(expiry.Current.Value));
        Assert.Equal(expiring.ModRevision, expiry.Previous!.ModRevision);
        Assert.Null(await store.GetAsync("/ttl/expiring"));
        Assert.NotNull(await store.GetAsync("/ttl/untied"));
    }

    [Fact]
    public async Task Watch_reports_each_change_with_its_previous_value_in_revision_order()
    {
        var store = NewStore();
        var start = await store.GetCurrentRevisionAsync();
        var a = await store.CreateAsync("/w/a", Bytes("a1"));
        var a2 = await store.UpdateAsync("/w/a", Bytes("a2"), a.ModRevision);
        await store.CreateAsync("/other", Bytes("x"));
        var b = await store.CreateAsync("/w/b", Bytes("b1"));
        var gone = await store.DeleteAsync("/w/a");

        var events = await CollectUntilAsync(store.WatchAsync("/w/", start), e => e.Revision >= gone.ModRevision);

        Assert.Equal(
            ["Created /w/a a1 -", "Updated /w/a a2 a1", "Created /w/b b1 -", "Deleted /w/a a2 a2"],
            events.Select(e => $"{e.Type} {e.Key} {Text(e.Current!.Value)} {(e.Previous is null ? "-" : Text(e.Previous.Value))}"));
        Assert.Equal([a.ModRevision, a2.ModRevision, b.ModRevision, gone.ModRevision], events.Select(e => e.Revision));
        Assert.Equal(a2.ModRevision, events[^1].Previous!.ModRevision);
        Assert.Equal(gone, events[^1].Current! with { Value = gone.Value });

        // Starting later skips exactly the events up to the start revision.
        var later = await CollectUntilAsync(store.WatchAsync("/w/", b.ModRevision), e => e.Revision >= gone.ModRevision);
        Assert.Equal([gone.ModRevision], later.Select(e => e.Revision));
    }

    [Fact]
    public async Task Compaction_matches_the_contract_for_lists_and_watches()
    {
        var store = NewStore();
        var first = await store.CreateAsync("/c/k", Bytes("1"));
        var second = await store.UpdateAsync("/c/k", Bytes("2"), first.ModRevision);
        var compactAt = (await store.UpdateAsync("/c/k", Bytes("3"), second.ModRevision)).ModRevision;

        await store.CompactAsync(compactAt);

        var list = await Assert.ThrowsAsync<StoreCompactedException>(() => store.ListAsync(new ListOptions { Prefix = "/c/", AtRevision = first.ModRevision }));
        Assert.Equal((first.ModRevision, compactAt), (list.RequestedRevision, list.CompactRevision));
        Assert.Single((await store.ListAsync(new ListOptions { Prefix = "/c/", AtRevision = compactAt })).Items);

        var fromJustBefore = await CollectUntilAsync(store.WatchAsync("/c/", compactAt - 1), e => e.Revision >= compactAt);
        Assert.Equal([compactAt], fromJustBefore.Select(e => e.Revision));
        await using var tooOld = store.WatchAsync("/c/", compactAt - 2).GetAsyncEnumerator(Timeout());
        var watch = await Assert.ThrowsAsync<StoreCompactedException>(async () => await tooOld.MoveNextAsync());
        Assert.Equal((compactAt - 2, compactAt), (watch.RequestedRevision, watch.CompactRevision));

        await store.CompactAsync(compactAt);
        await store.CompactAsync(1);
        var current = await store.GetCurrentRevisionAsync();
        var future = await Assert.ThrowsAsync<StoreFutureRevisionException>(() => store.CompactAsync(current + 10));
        Assert.Equal((current + 10, current), (future.RequestedRevision, future.CurrentRevision));
        var futureList = await Assert.ThrowsAsync<StoreFutureRevisionException>(() => store.ListAsync(new ListOptions { AtRevision = current + 10 }));
        Assert.Equal(current, futureList.CurrentRevision);
    }

    [Fact]
    public async Task Paging_follows_the_continue_token_at_the_first_pages_revision()
    {
        var store = NewStore();
        for (var i = 0; i < 6; i++)
        {
            await store.CreateAsync($"/page/{i}", Bytes($"{i}"));
        }

        var first = await store.ListAsync(new ListOptions { Prefix = "/page/", Limit = 4 });
        await store.CreateAsync("/page/5a", Bytes("late"));
        await store.DeleteAsync("/page/5");
        var second = await store.ListAsync(new ListOptions { Prefix = "/page/", Limit = 4, Continue = first.Continue });

        Assert.Equal(["/page/0", "/page/1", "/page/2", "/page/3"], first.Items.Select(i => i.Key));
        Assert.Equal(["/page/4", "/page/5"], second.Items.Select(i => i.Key));
        Assert.Equal(first.Revision, second.Revision);
        Assert.Null(second.Continue);

        // A page that ends exactly at the last key does not promise another page.
        var exact = await store.ListAsync(new ListOptions { Prefix = "/page/", Limit = 6 });
        Assert.Null(exact.Continue);
        Assert.Equal(6, exact.Items.Count);
        await Assert.ThrowsAsync<StoreInvalidContinueException>(() => store.ListAsync(new ListOptions { Prefix = "/pag", Continue = "e30" }));
    }

    [Fact]
    public async Task An_idle_watch_reports_progress_at_about_the_interval()
    {
        var store = NewStore();
        var start = await store.GetCurrentRevisionAsync();
        var options = new WatchOptions { ProgressInterval = TimeSpan.FromMilliseconds(300) };
        await using var watch = store.WatchAsync("/idle/", start, options).GetAsyncEnumerator(Timeout());

        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(WatchEventType.Progress, watch.Current.Type);
        Assert.True(watch.Current.Revision >= start);
        Assert.Null(watch.Current.Current);

        var created = await store.CreateAsync("/idle/a", Bytes("1"));
        var seen = new List<WatchEvent>();
        while (seen.Count == 0 || seen[^1].Type != WatchEventType.Progress || seen[^1].Revision < created.ModRevision)
        {
            Assert.True(await watch.MoveNextAsync());
            seen.Add(watch.Current);
        }

        var change = Assert.Single(seen, e => e.Type != WatchEventType.Progress);
        Assert.Equal((WatchEventType.Created, created.ModRevision), (change.Type, change.Revision));
        Assert.All(seen.TakeWhile(e => e != change), e => Assert.True(e.Revision < created.ModRevision));
    }

    [Fact]
    public async Task Stores_with_different_prefixes_on_one_etcd_do_not_see_each_other()
    {
        var first = NewStore("/iso");
        // A sibling prefix: a plain byte-prefix range of "/iso" would include its keys.
        var sibling = NewStore("/iso2");
        var start = await first.GetCurrentRevisionAsync();
        await first.CreateAsync("/k", Bytes("first"));
        await sibling.CreateAsync("/k", Bytes("sibling"));
        await sibling.CreateAsync("/k2", Bytes("sibling"));
        var last = await first.CreateAsync("/z", Bytes("first"));

        Assert.Equal("first", Text((await first.GetAsync("/k"))!.Value));
        Assert.Equal(["/k", "/z"], (await first.ListAsync(new ListOptions())).Items.Select(i => i.Key));
        Assert.Equal(["/k", "/k2"], (await sibling.ListAsync(new ListOptions())).Items.Select(i => i.Key));
        var events = await CollectUntilAsync(first.WatchAsync("", start), e => e.Revision >= last.ModRevision);
        Assert.Equal(["/k", "/z"], events.Select(e => e.Key));
        Assert.Throws<ArgumentException>(() => new EtcdStore(EtcdStoreOptions.For(etcd.Server.ClientUrl.ToString(), "/trailing/")));
        await Assert.ThrowsAsync<ArgumentException>(() => first.CreateAsync("unrooted", Bytes("x")));

        foreach (var store in new[] { first, sibling })
        {
            foreach (var item in (await store.ListAsync(new ListOptions())).Items)
            {
                await store.DeleteAsync(item.Key);
            }
        }
    }

    [Fact]
    public async Task A_watch_ends_when_its_consumer_cancels_or_the_store_is_disposed()
    {
        var store = new EtcdStore(new EtcdStoreOptions([etcd.Server.ClientUrl]) { KeyPrefix = $"/t-{Guid.NewGuid():N}" });
        var start = await store.GetCurrentRevisionAsync();
        using var cancel = new CancellationTokenSource();
        await using var cancelled = store.WatchAsync("/", start).GetAsyncEnumerator(cancel.Token);
        var pending = cancelled.MoveNextAsync().AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending).WaitAsync(Timeout());

        await using var open = store.WatchAsync("/", start).GetAsyncEnumerator(Timeout());
        var waiting = open.MoveNextAsync().AsTask();
        await store.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting).WaitAsync(Timeout());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.GetAsync("/k"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var disposable in _disposables)
        {
            await disposable.DisposeAsync();
        }
    }

    private EtcdStore NewStore(string? prefix = null) =>
        Track(prefix is null ? etcd.NewStore() : new EtcdStore(EtcdStoreOptions.For(etcd.Server.ClientUrl.ToString(), prefix)));

    private T Track<T>(T disposable)
        where T : IAsyncDisposable
    {
        _disposables.Add(disposable);
        return disposable;
    }

    private static async Task<List<WatchEvent>> CollectUntilAsync(IAsyncEnumerable<WatchEvent> watch, Func<WatchEvent, bool> last)
    {
        var events = new List<WatchEvent>();
        await foreach (var change in watch.WithCancellation(Timeout()))
        {
            events.Add(change);
            if (last(change))
            {
                return events;
            }
        }

        throw new InvalidOperationException("the watch ended");
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
