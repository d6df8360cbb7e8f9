namespace Orchestrator.Store.Sqlite;

/// <summary>Applying one request inside the batch transaction; preconditions see earlier writes of the same batch.</summary>
internal sealed partial class SqliteWriter
{
    private void Apply(KeyWrite write, List<WatchEvent> events, List<Action> acknowledgements)
    {
        var live = ReadLive(write);
        switch (write.Kind)
        {
            case KeyWriteKind.Create when live is not null:
                acknowledgements.Add(() => write.Fail(new StoreKeyExistsException(write.Key)));
                return;
            case KeyWriteKind.Update or KeyWriteKind.Delete when live is null:
                acknowledgements.Add(() => write.Fail(new StoreKeyNotFoundException(write.Key)));
                return;
            case KeyWriteKind.Update or KeyWriteKind.Delete when write.ExpectedModRevision is { } expected && expected != live!.ModRevision:
                acknowledgements.Add(() => write.Fail(new StoreConflictException(live, expected)));
                return;
        }

        var revision = ++_revision;
        KeyValue result;
        WatchEvent change;
        switch (write.Kind)
        {
            case KeyWriteKind.Create:
                Insert(revision, write.KeyBytes, revision, 0, deleted: false, write.ExpiresAtUnixMs, write.Value);
                result = new KeyValue(write.Key, write.Value, revision, revision);
                change = new WatchEvent(WatchEventType.Created, revision, result, null);
                break;
            case KeyWriteKind.Update:
                Insert(revision, write.KeyBytes, live!.CreateRevision, live.ModRevision, deleted: false, write.ExpiresAtUnixMs, write.Value);
                result = new KeyValue(write.Key, write.Value, live.CreateRevision, revision);
                change = new WatchEvent(WatchEventType.Updated, revision, result, live);
                break;
            default:
                // The tombstone keeps the deleted value, so a delete event carries it even after compaction.
                Insert(revision, write.KeyBytes, live!.CreateRevision, live.ModRevision, deleted: true, null, live.Value);
                result = live with { ModRevision = revision };
                change = new WatchEvent(WatchEventType.Deleted, revision, result, live);
                break;
        }

        events.Add(change);
        acknowledgements.Add(() => write.Completion.TrySetResult(result));
    }

    private void Apply(CompactWrite compact, SqliteTransaction transaction, List<Action> acknowledgements)
    {
        if (compact.Revision > _revision)
        {
            var current = _revision;
            acknowledgements.Add(() => compact.Fail(new StoreFutureRevisionException(compact.Revision, current)));
            return;
        }

        if (compact.Revision > SqliteSchema.ReadCompactRevision(_connection, transaction))
        {
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            // Keep, for every key, its newest row at or below the compaction point (lists at that
            // revision need it) and every row from the compaction point on (watches need them).
            command.CommandText = """
                UPDATE meta SET value = $c WHERE name = 'compact_revision';
                DELETE FROM log WHERE revision < $c AND (deleted = 1 OR EXISTS (
                    SELECT 1 FROM log AS newer
                    WHERE newer.key = log.key AND newer.revision > log.revision AND newer.revision <= $c));
                """;
            command.Parameters.AddWithValue("$c", compact.Revision);
            command.ExecuteNonQuery();
        }

        acknowledgements.Add(() => compact.Completion.TrySetResult());
    }

    /// <summary>The key's current value, or null when it is absent or deleted.</summary>
    private KeyValue? ReadLive(KeyWrite write)
    {
        _selectCurrent.Parameters[0].Value = write.KeyBytes;
        using var reader = _selectCurrent.ExecuteReader();
        if (!reader.Read() || reader.GetInt64(2) != 0)
        {
            return null;
        }

        return new KeyValue(write.Key, (byte[])reader.GetValue(3), reader.GetInt64(1), reader.GetInt64(0));
    }

    private void Insert(long revision, byte[] key, long createRevision, long prevRevision, bool deleted, long? expiresAt, byte[] value)
    {
        var parameters = _insert.Parameters;
        parameters[0].Value = revision;
        parameters[1].Value = key;
        parameters[2].Value = createRevision;
        parameters[3].Value = prevRevision;
        parameters[4].Value = deleted ? 1 : 0;
        parameters[5].Value = expiresAt is { } at ? at : DBNull.Value;
        parameters[6].Value = value;
        _insert.ExecuteNonQuery();
    }
}
