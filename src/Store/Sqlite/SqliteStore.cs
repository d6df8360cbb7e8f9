namespace Orchestrator.Store.Sqlite;

/// <summary>
/// The embedded default backend: one SQLite file in WAL mode, fsync'd on every commit, written by
/// a single group-commit writer and read through pooled connections, each read one snapshot.
/// </summary>
internal sealed partial class SqliteStore : IStore
{
    private readonly SqliteStoreOptions _options;
    private readonly SqliteConnection _writerConnection;
    private readonly WatchHub _hub;
    private readonly SqliteWriter _writer;
    private readonly TtlSweeper _sweeper;
    private int _disposed;

    public SqliteStore(SqliteStoreOptions options)
    {
        _options = options;
        _writerConnection = SqliteSchema.OpenWriter(options.Path);
        _hub = new WatchHub(options.WatchBufferCapacity, options.TimeProvider);
        _writer = new SqliteWriter(_writerConnection, _hub, options.MaxBatch);
        _sweeper = new TtlSweeper(this, options.TimeProvider, options.TtlSweepInterval);
    }

    public ValueTask<long> GetCurrentRevisionAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return ValueTask.FromResult(_hub.PublishedRevision);
    }

    public Task<KeyValue?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = SqliteSchema.OpenReader(_options.Path);
        using var command = connection.CreateCommand();
        // Rows committed but not yet published are left out, so reads never run ahead of watches.
        command.CommandText = """
            SELECT value, create_revision, revision, deleted FROM log
            WHERE key = $key AND revision <= $published ORDER BY revision DESC LIMIT 1;
            """;
        command.Parameters.AddWithValue("$key", KeyRange.Bytes(key));
        command.Parameters.AddWithValue("$published", _hub.PublishedRevision);
        using var reader = command.ExecuteReader();
        KeyValue? result = reader.Read() && reader.GetInt64(3) == 0
            ? new KeyValue(key, (byte[])reader.GetValue(0), reader.GetInt64(1), reader.GetInt64(2))
            : null;
        return Task.FromResult(result);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _sweeper.DisposeAsync();
        await _writer.DisposeAsync();
        _hub.Close();
        await _writerConnection.DisposeAsync();
        SqliteConnection.ClearPool(new SqliteConnection(SqliteSchema.ConnectionString(_options.Path)));
    }
}
