using Orchestrator.Store;

namespace Orchestrator.Store.Tests.Conformance;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task Watch_delivers_create_update_delete_in_order_with_the_previous_value()
    {
        var store = await NewStoreAsync();
        var start = await store.GetCurrentRevisionAsync();
        var timeout = Timeout();
        var collecting = CollectAsync(store.WatchAsync("/w/", start, null, timeout), start + 3, timeout);

        var created = await store.CreateAsync("/w/a", Bytes("1"));
        var updated = await store.UpdateAsync("/w/a", Bytes("2"), created.ModRevision);
        await store.DeleteAsync("/w/a", updated.ModRevision);
        var events = await collecting;

        Assert.Equal([WatchEventType.Created, WatchEventType.Updated, WatchEventType.Deleted], events.Select(e => e.Type));
        Assert.Equal([start + 1, start + 2, start + 3], events.Select(e => e.Revision));
        Assert.All(events, e => Assert.Equal("/w/a", e.Key));
        Assert.Null(events[0].Previous);
        Assert.Equal("2", Text(events[1].Current!.Value));
        Assert.Equal("1", Text(events[1].Previous!.Value));
        Assert.Equal(created.CreateRevision, events[1].Current!.CreateRevision);
        Assert.Equal("2", Text(events[2].Current!.Value));
        Assert.Equal(start + 3, events[2].Current!.ModRevision);
        Assert.Equal("2", Text(events[2].Previous!.Value));
        Assert.Equal(updated.ModRevision, events[2].Previous!.ModRevision);
    }

    [Fact]
    public async Task Watch_from_a_past_revision_replays_history_then_follows_live_changes()
    {
        var store = await NewStoreAsync();
        var start = await store.GetCurrentRevisionAsync();
        for (var i = 0; i < 5; i++)
        {
            await store.CreateAsync($"/h/{i}", Bytes("v"));
            await store.CreateAsync($"/other/{i}", Bytes("v"));
        }

        var timeout = Timeout();
        var collecting = CollectAsync(store.WatchAsync("/h/", start + 2, null, timeout), start + 12, timeout);
        await store.CreateAsync("/other/live", Bytes("v"));
        await store.CreateAsync("/h/live", Bytes("v"));
        var events = await collecting;

        Assert.Equal(["/h/1", "/h/2", "/h/3", "/h/4", "/h/live"], events.Select(e => e.Key));
        Assert.Equal([start + 3, start + 5, start + 7, start + 9, start + 12], events.Select(e => e.Revision));
    }

    [Fact]
    public async Task Watch_below_the_compaction_point_fails_with_Compacted_and_just_above_it_works()
    {
        var store = await NewStoreAsync();
        var first = await store.CreateAsync("/cw/a", Bytes("1"));
        var second = await store.UpdateAsync("/cw/a", Bytes("2"), first.ModRevision);
        var third = await store.UpdateAsync("/cw/a", Bytes("3"), second.ModRevision);
        await store.CreateAsync("/cw/b", Bytes("1"));
        var compactAt = third.ModRevision;

        await store.CompactAsync(compactAt);

        var error = await Assert.ThrowsAsync<StoreCompactedException>(async () =>
            await CollectAsync(store.WatchAsync("/cw/", first.ModRevision, null, Timeout()), compactAt + 1, Timeout()));
        Assert.True(error.CompactRevision >= compactAt - 1);

        // Compacting at C keeps the change made at C: a watch after C - 1 starts with it.
        var events = await CollectAsync(store.WatchAsync("/cw/", compactAt - 1, null, Timeout()), compactAt + 1, Timeout());
        Assert.Equal([compactAt, compactAt + 1], events.Select(e => e.Revision));
        Assert.Equal("3", Text(events[0].Current!.Value));
    }

    [Fact]
    public async Task Watch_sends_progress_events_while_idle_when_asked()
    {
        var store = await NewStoreAsync();
        await store.CreateAsync("/elsewhere", Bytes("v"));
        var current = await store.GetCurrentRevisionAsync();
        var options = new WatchOptions { ProgressInterval = TimeSpan.FromMilliseconds(200) };

        WatchEvent? progress = null;
        await foreach (var change in store.WatchAsync("/quiet/", current, options, Timeout(30)))
        {
            progress = change;
            break;
        }

        Assert.NotNull(progress);
        Assert.Equal(WatchEventType.Progress, progress.Type);
        Assert.True(progress.Revision >= current);
        Assert.Null(progress.Key);
    }

    [Fact]
    public async Task Watch_stops_when_cancelled()
    {
        var store = await NewStoreAsync();
        var start = await store.GetCurrentRevisionAsync();
        using var cancel = new CancellationTokenSource();
        var watching = Task.Run(async () =>
        {
            await foreach (var change in store.WatchAsync("/", start, null, cancel.Token))
            {
                await cancel.CancelAsync();
            }
        });

        await store.CreateAsync("/one", Bytes("v"));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching.WaitAsync(Timeout()));
    }
}
