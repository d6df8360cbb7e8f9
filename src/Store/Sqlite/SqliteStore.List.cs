namespace Orchestrator.Store.Sqlite;

/// <summary>Lists: every page is read in one transaction at the list's revision.</summary>
internal sealed partial class SqliteStore
{
    public Task<ListResult> ListAsync(ListOptions options, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Limit);
        cancellationToken.ThrowIfCancellationRequested();

        var published = _hub.PublishedRevision;
        long revision;
        byte[] start;
        if (options.Continue is { Length: > 0 } token)
        {
            var decoded = ContinueToken.Decode(token, options.Prefix);
            revision = decoded.Revision;
            start = KeyRange.After(decoded.LastKey);
        }
        else
        {
            revision = options.AtRevision is > 0 and var at ? at : published;
            start = KeyRange.Bytes(options.Prefix);
        }

        if (revision > published)
        {
            throw new StoreFutureRevisionException(revision, published);
        }

        var end = KeyRange.PrefixEnd(KeyRange.Bytes(options.Prefix));
        using var connection = SqliteSchema.OpenReader(_options.Path);
        using var transaction = connection.BeginTransaction(deferred: true);
        ThrowIfCompacted(connection, transaction, revision, revision);

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // Walks the (key, revision) index in key order; a row counts when it is its key's newest at
        // or below the list revision and not a tombstone. LIMIT lets the walk stop early.
        command.CommandText = $"""
            SELECT l.key, l.value, l.create_revision, l.revision FROM log AS l
            WHERE l.key >= $start {(end is null ? "" : "AND l.key < $end")} AND l.revision <= $rev AND l.deleted = 0
              AND l.revision = (SELECT MAX(x.revision) FROM log AS x WHERE x.key = l.key AND x.revision <= $rev)
            ORDER BY l.key {(options.Limit > 0 ? "LIMIT $limit" : "")};
            """;
        command.Parameters.AddWithValue("$start", start);
        if (end is not null)
        {
            command.Parameters.AddWithValue("$end", end);
        }

        command.Parameters.AddWithValue("$rev", revision);
        command.Parameters.AddWithValue("$limit", options.Limit + 1);

        var items = new List<KeyValue>(options.Limit > 0 ? Math.Min(options.Limit, 4096) : 64);
        var more = false;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                if (options.Limit > 0 && items.Count == options.Limit)
                {
                    more = true;
                    break;
                }

                items.Add(new KeyValue(
                    Encoding.UTF8.GetString((byte[])reader.GetValue(0)),
                    (byte[])reader.GetValue(1),
                    reader.GetInt64(2),
                    reader.GetInt64(3)));
            }
        }

        var next = more ? new ContinueToken(revision, items[^1].Key).Encode() : null;
        return Task.FromResult(new ListResult(items, revision, next));
    }

    /// <summary>Fails when history needed for <paramref name="oldestNeeded"/> is gone, as seen by this snapshot.</summary>
    private static void ThrowIfCompacted(SqliteConnection connection, SqliteTransaction transaction, long oldestNeeded, long requested)
    {
        var compacted = SqliteSchema.ReadCompactRevision(connection, transaction);
        if (oldestNeeded < compacted)
        {
            throw new StoreCompactedException(requested, compacted);
        }
    }
}
