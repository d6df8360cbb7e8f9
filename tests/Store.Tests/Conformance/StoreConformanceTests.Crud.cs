using Orchestrator.Store;

namespace Orchestrator.Store.Tests.Conformance;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task Revision_is_at_least_one_and_each_write_advances_it_by_one()
    {
        var store = await NewStoreAsync();
        var start = await store.GetCurrentRevisionAsync();
        Assert.True(start >= 1);

        var created = await store.CreateAsync("/a", Bytes("1"));
        var updated = await store.UpdateAsync("/a", Bytes("2"), created.ModRevision);
        var deleted = await store.DeleteAsync("/a");

        Assert.Equal([start + 1, start + 2, start + 3], new[] { created.ModRevision, updated.ModRevision, deleted.ModRevision });
        Assert.Equal(start + 3, await store.GetCurrentRevisionAsync());
    }

    [Fact]
    public async Task Create_returns_revisions_and_get_reads_them_back()
    {
        var store = await NewStoreAsync();
        var created = await store.CreateAsync("/pods/a", Bytes("hello"));

        Assert.Equal(created.ModRevision, created.CreateRevision);
        var read = await store.GetAsync("/pods/a");
        Assert.NotNull(read);
        Assert.Equal("hello", Text(read.Value));
        Assert.Equal(created.CreateRevision, read.CreateRevision);
        Assert.Equal(created.ModRevision, read.ModRevision);
        Assert.Null(await store.GetAsync("/pods/b"));
    }

    [Fact]
    public async Task Create_of_an_existing_key_fails_with_AlreadyExists_and_consumes_no_revision()
    {
        var store = await NewStoreAsync();
        await store.CreateAsync("/k", Bytes("1"));
        var revision = await store.GetCurrentRevisionAsync();

        var error = await Assert.ThrowsAsync<StoreKeyExistsException>(() => store.CreateAsync("/k", Bytes("2")));

        Assert.Equal("/k", error.Key);
        Assert.Equal(revision, await store.GetCurrentRevisionAsync());
        Assert.Equal("1", Text((await store.GetAsync("/k"))!.Value));
    }

    [Fact]
    public async Task Update_with_the_current_revision_replaces_the_value_and_keeps_the_create_revision()
    {
        var store = await NewStoreAsync();
        var created = await store.CreateAsync("/k", Bytes("1"));

        var updated = await store.UpdateAsync("/k", Bytes("2"), created.ModRevision);

        Assert.Equal(created.CreateRevision, updated.CreateRevision);
        Assert.True(updated.ModRevision > created.ModRevision);
        var read = await store.GetAsync("/k");
        Assert.Equal("2", Text(read!.Value));
        Assert.Equal(updated.ModRevision, read.ModRevision);
    }

    [Fact]
    public async Task Update_with_a_stale_revision_fails_with_Conflict_carrying_the_current_value()
    {
        var store = await NewStoreAsync();
        var created = await store.CreateAsync("/k", Bytes("1"));
        var updated = await store.UpdateAsync("/k", Bytes("2"), created.ModRevision);
        var revision = await store.GetCurrentRevisionAsync();

        var conflict = await Assert.ThrowsAsync<StoreConflictException>(() => store.UpdateAsync("/k", Bytes("3"), created.ModRevision));

        Assert.Equal("2", Text(conflict.Current.Value));
        Assert.Equal(updated.ModRevision, conflict.Current.ModRevision);
        Assert.Equal(created.CreateRevision, conflict.Current.CreateRevision);
        Assert.Equal(created.ModRevision, conflict.ExpectedModRevision);
        Assert.Equal(revision, await store.GetCurrentRevisionAsync());
    }

    [Fact]
    public async Task Update_of_a_missing_or_deleted_key_fails_with_NotFound()
    {
        var store = await NewStoreAsync();
        await Assert.ThrowsAsync<StoreKeyNotFoundException>(() => store.UpdateAsync("/missing", Bytes("1"), 1));

        var created = await store.CreateAsync("/gone", Bytes("1"));
        await store.DeleteAsync("/gone");
        await Assert.ThrowsAsync<StoreKeyNotFoundException>(() => store.UpdateAsync("/gone", Bytes("2"), created.ModRevision));
    }

    [Fact]
    public async Task Delete_returns_the_last_value_at_the_delete_revision_and_the_key_can_be_created_again()
    {
        var store = await NewStoreAsync();
        var created = await store.CreateAsync("/k", Bytes("last"));

        var deleted = await store.DeleteAsync("/k", created.ModRevision);

        Assert.Equal("last", Text(deleted.Value));
        Assert.Equal(created.CreateRevision, deleted.CreateRevision);
        Assert.Equal(created.ModRevision + 1, deleted.ModRevision);
        Assert.Null(await store.GetAsync("/k"));

        var again = await store.CreateAsync("/k", Bytes("new"));
        Assert.Equal(again.ModRevision, again.CreateRevision);
        Assert.True(again.CreateRevision > deleted.ModRevision);
    }

    [Fact]
    public async Task Delete_with_a_stale_revision_fails_with_Conflict_and_of_a_missing_key_with_NotFound()
    {
        var store = await NewStoreAsync();
        var created = await store.CreateAsync("/k", Bytes("1"));
        var updated = await store.UpdateAsync("/k", Bytes("2"), created.ModRevision);

        var conflict = await Assert.ThrowsAsync<StoreConflictException>(() => store.DeleteAsync("/k", created.ModRevision));
        Assert.Equal(updated.ModRevision, conflict.Current.ModRevision);
        Assert.NotNull(await store.GetAsync("/k"));

        await Assert.ThrowsAsync<StoreKeyNotFoundException>(() => store.DeleteAsync("/missing"));
        await Assert.ThrowsAsync<StoreKeyNotFoundException>(() => store.DeleteAsync("/missing", 5));
    }

    [Fact]
    public async Task A_key_with_a_ttl_is_deleted_when_it_expires_and_watchers_see_the_delete()
    {
        var store = await NewStoreAsync();
        var start = await store.GetCurrentRevisionAsync();
        var keep = await store.CreateAsync("/ttl/keep", Bytes("forever"));
        var created = await store.CreateAsync("/ttl/event", Bytes("short"), TimeSpan.FromSeconds(1));

        var events = await CollectAsync(store.WatchAsync("/ttl/", start), created.ModRevision + 1, Timeout(30));

        var expiry = events[^1];
        Assert.Equal(WatchEventType.Deleted, expiry.Type);
        Assert.Equal("/ttl/event", expiry.Key);
        Assert.Equal("short", Text(expiry.Current!.Value));
        Assert.Null(await store.GetAsync("/ttl/event"));
        Assert.Equal(keep.ModRevision, (await store.GetAsync("/ttl/keep"))!.ModRevision);
    }

    [Fact]
    public async Task GuaranteedUpdate_retries_on_conflict_from_the_value_the_conflict_carried()
    {
        var store = await NewStoreAsync();
        var created = await store.CreateAsync("/counter", Bytes("0"));
        var calls = 0;

        var result = await store.GuaranteedUpdateAsync("/counter", current =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                // Someone else writes between our read and our write: the first attempt must conflict.
                store.UpdateAsync("/counter", Bytes("10"), created.ModRevision).GetAwaiter().GetResult();
            }

            return Bytes((int.Parse(Text(current.Value), System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        });

        Assert.Equal(2, calls);
        Assert.Equal("11", Text(result.Value));
    }
}
