namespace Orchestrator.Store.Sqlite;

/// <summary>Writes: each becomes a request for the group-commit writer.</summary>
internal sealed partial class SqliteStore
{
    public Task<KeyValue> CreateAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? ttl = null, CancellationToken cancellationToken = default) =>
        Submit(new KeyWrite(KeyWriteKind.Create, ValidKey(key), value.ToArray(), null, ExpiresAt(ttl), cancellationToken));

    public Task<KeyValue> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(expectedModRevision);
        return Submit(new KeyWrite(KeyWriteKind.Update, ValidKey(key), value.ToArray(), expectedModRevision, ExpiresAt(ttl), cancellationToken));
    }

    public Task<KeyValue> DeleteAsync(string key, long? expectedModRevision = null, CancellationToken cancellationToken = default) =>
        Submit(new KeyWrite(KeyWriteKind.Delete, ValidKey(key), [], expectedModRevision, null, cancellationToken));

    public Task CompactAsync(long revision, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(revision);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var request = new CompactWrite(revision, cancellationToken);
        _writer.Enqueue(request);
        return request.Completion.Task;
    }

    private Task<KeyValue> Submit(KeyWrite request)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        _writer.Enqueue(request);
        return request.Completion.Task;
    }

    private long? ExpiresAt(TimeSpan? ttl)
    {
        if (ttl is not { } span)
        {
            return null;
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(span, TimeSpan.Zero, nameof(ttl));
        return _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds() + (long)Math.Ceiling(span.TotalMilliseconds);
    }

    private static string ValidKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return key;
    }
}
