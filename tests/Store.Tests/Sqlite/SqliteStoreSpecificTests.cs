using System.Text;
using Microsoft.Data.Sqlite;
using Orchestrator.Store;
using Orchestrator.Store.Sqlite;

namespace Orchestrator.Store.Tests.Sqlite;

/// <summary>What the conformance suite cannot see: the file on disk, reopening, and lagging watchers.</summary>
public sealed class SqliteStoreSpecificTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("orchestrator-sqlite-").FullName;

    private string Database => Path.Combine(_directory, "state.db");

    [Fact]
    public async Task A_fresh_store_is_at_revision_1_and_the_first_create_gets_2()
    {
        await using var store = Open();

        Assert.Equal(1, await store.GetCurrentRevisionAsync());
        Assert.Equal(2, (await store.CreateAsync("/a", Encoding.UTF8.GetBytes("v"))).ModRevision);
    }

    [Fact]
    public async Task Reopening_keeps_values_revision_and_compaction_point()
    {
        long compactAt;
        await using (var store = Open())
        {
            var a = await store.CreateAsync("/a", Encoding.UTF8.GetBytes("1"));
            await store.UpdateAsync("/a", Encoding.UTF8.GetBytes("2"), a.ModRevision);
            await store.CreateAsync("/b", Encoding.UTF8.GetBytes("1"));
            await store.DeleteAsync("/b");
            compactAt = await store.GetCurrentRevisionAsync();
            await store.CompactAsync(compactAt);
        }

        await using var reopened = Open();
        Assert.Equal(compactAt, await reopened.GetCurrentRevisionAsync());
        Assert.Equal("2", Encoding.UTF8.GetString((await reopened.GetAsync("/a"))!.Value));
        Assert.Null(await reopened.GetAsync("/b"));
        await Assert.ThrowsAsync<StoreCompactedException>(() => reopened.ListAsync(new ListOptions { AtRevision = compactAt - 1 }));
        Assert.Equal(compactAt + 1, (await reopened.CreateAsync("/c", ReadOnlyMemory<byte>.Empty)).ModRevision);
    }

    [Fact]
    public async Task Compaction_removes_superseded_rows_and_tombstones_from_the_file()
    {
        await using var store = Open();
        var kept = await store.CreateAsync("/kept", Encoding.UTF8.GetBytes("0"));
        for (var i = 1; i <= 50; i++)
        {
            kept = await store.UpdateAsync("/kept", Encoding.UTF8.GetBytes($"{i}"), kept.ModRevision);
        }

        await store.CreateAsync("/gone", ReadOnlyMemory<byte>.Empty);
        await store.DeleteAsync("/gone");
        Assert.Equal(53, CountRows());

        await store.CompactAsync(await store.GetCurrentRevisionAsync());

        // The newest /kept row stays, and so does the tombstone written at the compaction revision.
        Assert.Equal(2, CountRows());
        Assert.Equal("50", Encoding.UTF8.GetString((await store.GetAsync("/kept"))!.Value));
    }

    [Fact]
    public async Task A_watcher_that_stops_reading_is_cut_off_as_lagged_instead_of_buffering_forever()
    {
        await using var store = new SqliteStore(new SqliteStoreOptions { Path = Database, WatchBufferCapacity = 10 });
        var start = await store.GetCurrentRevisionAsync();
        await using var watch = store.WatchAsync("/", start).GetAsyncEnumerator();
        var first = watch.MoveNextAsync(); // subscribes, then waits for the first event
        for (var i = 0; i < 30; i++)
        {
            await store.CreateAsync($"/k{i}", ReadOnlyMemory<byte>.Empty);
        }

        Assert.True(await first);
        Assert.Equal(start + 1, watch.Current.Revision);
        var error = await Assert.ThrowsAsync<StoreWatchLaggedException>(async () =>
        {
            var delivered = 1;
            while (await watch.MoveNextAsync())
            {
                Assert.True(++delivered <= 11, "a lagged watcher got more than its buffer");
            }
        });
        Assert.True(error.LastDeliveredRevision > start);
    }

    private SqliteStore Open() => new(new SqliteStoreOptions { Path = Database });

    private long CountRows()
    {
        using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM log;";
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
