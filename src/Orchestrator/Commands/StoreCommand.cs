using Orchestrator.Store;

namespace Orchestrator.Host.Commands;

/// <summary>`orchestrator store ...`: read and write the store directly, like etcdctl. The values come typed from the definition.</summary>
internal static class StoreCommand
{
    public const string DefaultUrl = "sqlite://.orchestrator/state.db";

    public static Task<int> RevisionAsync(string? url, TextWriter output) => WithStoreAsync(url, async store =>
    {
        await output.WriteLineAsync((await store.GetCurrentRevisionAsync()).ToString(CultureInfo.InvariantCulture));
        return 0;
    });

    public static Task<int> GetAsync(string? url, string key, TextWriter output) => WithStoreAsync(url, async store =>
    {
        if (await store.GetAsync(key) is not { } found)
        {
            await output.WriteLineAsync($"{key} not found");
            return 1;
        }

        await Print(output, found);
        return 0;
    });

    public static Task<int> PutAsync(string? url, string key, string value, TextWriter output) => WithStoreAsync(url, async store =>
    {
        await Print(output, await UpsertAsync(store, key, Encoding.UTF8.GetBytes(value)));
        return 0;
    });

    public static Task<int> DeleteAsync(string? url, string key, TextWriter output) => WithStoreAsync(url, async store =>
    {
        await Print(output, await store.DeleteAsync(key));
        return 0;
    });

    public static Task<int> CompactAsync(string? url, long revision, TextWriter output) => WithStoreAsync(url, async store =>
    {
        await store.CompactAsync(revision);
        await output.WriteLineAsync($"compacted to {revision}");
        return 0;
    });

    private static async Task<int> WithStoreAsync(string? url, Func<IStore, Task<int>> run)
    {
        await using var store = StoreFactory.Open(url ?? DefaultUrl);
        return await run(store);
    }

    /// <summary>Create, or update whatever is there (etcdctl put semantics).</summary>
    private static async Task<KeyValue> UpsertAsync(IStore store, string key, byte[] value)
    {
        while (true)
        {
            try
            {
                return await store.GetAsync(key) is { } current
                    ? await store.UpdateAsync(key, value, current.ModRevision)
                    : await store.CreateAsync(key, value);
            }
            catch (Exception e) when (e is StoreConflictException or StoreKeyExistsException or StoreKeyNotFoundException)
            {
                // Someone else wrote in between: read again.
            }
        }
    }

    public static Task<int> ListAsync(string? url, string? prefix, int limit, TextWriter output) => WithStoreAsync(url, async store =>
    {
        var page = await store.ListAsync(new ListOptions { Prefix = prefix ?? "", Limit = limit });
        foreach (var item in page.Items)
        {
            await Print(output, item);
        }

        await output.WriteLineAsync($"# {page.Items.Count} keys at revision {page.Revision}{(page.Continue is null ? "" : $", more: --continue {page.Continue}")}");
        return 0;
    });

    public static Task<int> WatchAsync(string? url, string? prefix, long? fromRevision, TextWriter output) => WithStoreAsync(url, async store =>
    {
        var from = fromRevision ?? await store.GetCurrentRevisionAsync();
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        try
        {
            await foreach (var change in store.WatchAsync(prefix ?? "", from, null, stop.Token))
            {
                await output.WriteLineAsync($"{change.Type.ToString().ToUpperInvariant()} {change.Revision} {change.Key} {Encoding.UTF8.GetString(change.Current?.Value ?? [])}");
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C ends the watch.
        }

        return 0;
    });

    private static Task Print(TextWriter output, KeyValue item) =>
        output.WriteLineAsync($"{item.Key} = {Encoding.UTF8.GetString(item.Value)}  (create {item.CreateRevision}, mod {item.ModRevision})");
}
