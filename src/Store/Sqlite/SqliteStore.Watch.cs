using System.Runtime.CompilerServices;

namespace Orchestrator.Store.Sqlite;

/// <summary>
/// Watches: subscribe to the live feed first, then replay the log from the requested revision up
/// to where the live feed starts, then follow the feed. No gap, no duplicate.
/// </summary>
internal sealed partial class SqliteStore
{
    private const int HistoryPageSize = 1000;

    public async IAsyncEnumerable<WatchEvent> WatchAsync(
        string prefix,
        long fromRevision,
        WatchOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        ArgumentOutOfRangeException.ThrowIfNegative(fromRevision);
        if (options?.ProgressInterval is { } interval)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero, nameof(options));
        }

        // Progress events arrive through the feed too, from the hub's timer (see WatchHub).
        var subscription = _hub.Subscribe(prefix, options?.ProgressInterval);
        try
        {
            var delivered = fromRevision;
            while (delivered < subscription.LiveFrom)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var page = ReadHistory(prefix, delivered, subscription.LiveFrom, fromRevision);
                if (page.Count == 0)
                {
                    break;
                }

                foreach (var change in page)
                {
                    yield return change;
                }

                delivered = page[^1].Revision;
            }

            var feed = subscription.Events.Reader;
            do
            {
                while (feed.TryRead(out var change))
                {
                    // A watch from a revision not yet reached hears no progress behind it.
                    if (change.Type != WatchEventType.Progress || change.Revision >= delivered)
                    {
                        delivered = change.Revision;
                        yield return change;
                    }
                }
            }
            while (await feed.WaitToReadAsync(cancellationToken));

            // A lagged watcher's feed ends with an error; rethrow it to the consumer.
            await feed.Completion;
        }
        finally
        {
            _hub.Unsubscribe(subscription);
        }
    }

    /// <summary>One page of log rows with revisions in (after, upTo], read in one snapshot.</summary>
    private List<WatchEvent> ReadHistory(string prefix, long after, long upTo, long requested)
    {
        var start = KeyRange.Bytes(prefix);
        var end = KeyRange.PrefixEnd(start);
        using var connection = SqliteSchema.OpenReader(_options.Path);
        using var transaction = connection.BeginTransaction(deferred: true);
        // Events from after+1 on must all still be in the log: compaction at C keeps revisions >= C.
        ThrowIfCompacted(connection, transaction, after + 1, requested);

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            SELECT l.revision, l.key, l.value, l.create_revision, l.deleted, p.value, p.create_revision, p.revision
            FROM log AS l LEFT JOIN log AS p ON p.revision = l.prev_revision
            WHERE l.revision > $after AND l.revision <= $upTo AND l.key >= $start {(end is null ? "" : "AND l.key < $end")}
            ORDER BY l.revision LIMIT {HistoryPageSize};
            """;
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$upTo", upTo);
        command.Parameters.AddWithValue("$start", start);
        if (end is not null)
        {
            command.Parameters.AddWithValue("$end", end);
        }

        var page = new List<WatchEvent>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            page.Add(ToEvent(reader));
        }

        return page;
    }

    private static WatchEvent ToEvent(SqliteDataReader reader)
    {
        var revision = reader.GetInt64(0);
        var key = Encoding.UTF8.GetString((byte[])reader.GetValue(1));
        var current = new KeyValue(key, (byte[])reader.GetValue(2), reader.GetInt64(3), revision);
        var previous = reader.IsDBNull(5) ? null : new KeyValue(key, (byte[])reader.GetValue(5), reader.GetInt64(6), reader.GetInt64(7));
        var type = reader.GetInt64(4) != 0 ? WatchEventType.Deleted
            : current.CreateRevision == revision ? WatchEventType.Created
            : WatchEventType.Updated;
        return new WatchEvent(type, revision, current, previous);
    }
}
