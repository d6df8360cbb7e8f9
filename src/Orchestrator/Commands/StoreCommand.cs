using System.Globalization;
using System.Text;
using Orchestrator.Store;

namespace Orchestrator.Host.Commands;

/// <summary>`orchestrator store ...`: read and write the store directly, like etcdctl.</summary>
internal static class StoreCommand
{
    public static async Task<int> RunAsync(Arguments arguments, TextWriter output)
    {
        var url = arguments.Option("store") ?? "sqlite://.orchestrator/state.db";
        var verb = arguments.Take("store verb (revision, get, put, del, list, watch, compact)");
        await using var store = StoreFactory.Open(url);
        switch (verb)
        {
            case "revision":
                arguments.EnsureConsumed();
                await output.WriteLineAsync((await store.GetCurrentRevisionAsync()).ToString(CultureInfo.InvariantCulture));
                return 0;
            case "get":
                var key = arguments.Take("KEY");
                arguments.EnsureConsumed();
                if (await store.GetAsync(key) is not { } found)
                {
                    await output.WriteLineAsync($"{key} not found");
                    return 1;
                }

                await Print(output, found);
                return 0;
            case "put":
                var putKey = arguments.Take("KEY");
                var value = Encoding.UTF8.GetBytes(arguments.Take("VALUE"));
                arguments.EnsureConsumed();
                await Print(output, await PutAsync(store, putKey, value));
                return 0;
            case "del":
                var deleteKey = arguments.Take("KEY");
                arguments.EnsureConsumed();
                await Print(output, await store.DeleteAsync(deleteKey));
                return 0;
            case "list":
                return await ListAsync(store, arguments, output);
            case "watch":
                return await WatchAsync(store, arguments, output);
            case "compact":
                var revision = long.Parse(arguments.Take("REVISION"), CultureInfo.InvariantCulture);
                arguments.EnsureConsumed();
                await store.CompactAsync(revision);
                await output.WriteLineAsync($"compacted to {revision}");
                return 0;
            default:
                throw new UsageException($"unknown store verb \"{verb}\"");
        }
    }

    /// <summary>Create, or update whatever is there (etcdctl put semantics).</summary>
    private static async Task<KeyValue> PutAsync(IStore store, string key, byte[] value)
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

    private static async Task<int> ListAsync(IStore store, Arguments arguments, TextWriter output)
    {
        var prefix = arguments.TakeVerb() ?? "";
        var limit = int.Parse(arguments.Option("limit") ?? "0", CultureInfo.InvariantCulture);
        arguments.EnsureConsumed();
        var page = await store.ListAsync(new ListOptions { Prefix = prefix, Limit = limit });
        foreach (var item in page.Items)
        {
            await Print(output, item);
        }

        await output.WriteLineAsync($"# {page.Items.Count} keys at revision {page.Revision}{(page.Continue is null ? "" : $", more: --continue {page.Continue}")}");
        return 0;
    }

    private static async Task<int> WatchAsync(IStore store, Arguments arguments, TextWriter output)
    {
        var prefix = arguments.TakeVerb() ?? "";
        var from = arguments.Option("from") is { } text ? long.Parse(text, CultureInfo.InvariantCulture) : await store.GetCurrentRevisionAsync();
        arguments.EnsureConsumed();
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        try
        {
            await foreach (var change in store.WatchAsync(prefix, from, null, stop.Token))
            {
                await output.WriteLineAsync($"{change.Type.ToString().ToUpperInvariant()} {change.Revision} {change.Key} {Encoding.UTF8.GetString(change.Current?.Value ?? [])}");
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C ends the watch.
        }

        return 0;
    }

    private static Task Print(TextWriter output, KeyValue item) =>
        output.WriteLineAsync($"{item.Key} = {Encoding.UTF8.GetString(item.Value)}  (create {item.CreateRevision}, mod {item.ModRevision})");
}
