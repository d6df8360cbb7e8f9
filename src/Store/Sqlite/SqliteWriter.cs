using System.Threading.Channels;

namespace Orchestrator.Store.Sqlite;

/// <summary>
/// The single writer with group commit: requests queue up while the previous transaction is being
/// fsync'd, then all of them are applied in one transaction and acknowledged together. Revisions
/// are assigned here, so they are dense and ordered; events are published to watchers after the
/// commit and before the writers are acknowledged, so a writer that lists after its write sees it.
/// </summary>
internal sealed partial class SqliteWriter : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly WatchHub _hub;
    private readonly int _maxBatch;
    private readonly Channel<WriteRequest> _requests = Channel.CreateUnbounded<WriteRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteCommand _selectCurrent;
    private readonly SqliteCommand _insert;
    private readonly Task _loop;
    private long _revision;

    public SqliteWriter(SqliteConnection connection, WatchHub hub, int maxBatch)
    {
        _connection = connection;
        _hub = hub;
        _maxBatch = maxBatch;
        _revision = SqliteSchema.ReadRevision(connection);
        hub.Start(_revision);
        _selectCurrent = Prepare(
            "SELECT revision, create_revision, deleted, value FROM log WHERE key = $key ORDER BY revision DESC LIMIT 1;",
            "$key");
        _insert = Prepare(
            "INSERT INTO log (revision, key, create_revision, prev_revision, deleted, expires_at, value) VALUES ($revision, $key, $create, $prev, $deleted, $expires, $value);",
            "$revision", "$key", "$create", "$prev", "$deleted", "$expires", "$value");
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues a request; throws <see cref="ObjectDisposedException"/> once the store is closing.</summary>
    public void Enqueue(WriteRequest request)
    {
        if (!_requests.Writer.TryWrite(request))
        {
            throw new ObjectDisposedException(nameof(SqliteStore));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _requests.Writer.TryComplete();
        await _loop;
        _selectCurrent.Dispose();
        _insert.Dispose();
    }

    private async Task RunAsync()
    {
        var batch = new List<WriteRequest>(_maxBatch);
        var reader = _requests.Reader;
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && reader.TryRead(out var request))
            {
                batch.Add(request);
            }

            CommitBatch(batch);
        }
    }

    private void CommitBatch(List<WriteRequest> batch)
    {
        var startRevision = _revision;
        var events = new List<WatchEvent>(batch.Count);
        var acknowledgements = new List<Action>(batch.Count);
        try
        {
            using var transaction = _connection.BeginTransaction();
            _selectCurrent.Transaction = transaction;
            _insert.Transaction = transaction;
            foreach (var request in batch)
            {
                if (request.CancellationToken.IsCancellationRequested)
                {
                    acknowledgements.Add(request.Cancel);
                    continue;
                }

                switch (request)
                {
                    case KeyWrite write:
                        Apply(write, events, acknowledgements);
                        break;
                    case CompactWrite compact:
                        Apply(compact, transaction, acknowledgements);
                        break;
                }
            }

            transaction.Commit();
        }
        catch (Exception e)
        {
            // Nothing of this batch is durable: give the revisions back and fail every request.
            _revision = startRevision;
            foreach (var request in batch)
            {
                request.Fail(e);
            }

            return;
        }

        if (events.Count > 0)
        {
            _hub.Publish(events, _revision);
        }

        foreach (var acknowledge in acknowledgements)
        {
            acknowledge();
        }
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }
}
