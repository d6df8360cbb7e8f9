namespace Orchestrator.Store.Sqlite;

/// <summary>
/// Deletes keys whose TTL has passed, as ordinary deletes conditioned on the revision that set the
/// TTL (so a key rewritten meanwhile survives), the way etcd revokes an expired lease.
/// </summary>
internal sealed class TtlSweeper : IAsyncDisposable
{
    private readonly SqliteStore _store;
    private readonly TimeProvider _time;
    private readonly PeriodicTimer _timer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public TtlSweeper(SqliteStore store, TimeProvider time, TimeSpan interval)
    {
        _store = store;
        _time = time;
        _timer = new PeriodicTimer(interval, time);
        _loop = Task.Run(RunAsync);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _timer.Dispose();
        await _loop;
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(_stop.Token))
            {
                await SweepAsync(_stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The store is closing.
        }
    }

    /// <summary>Deletes every key expired by now; returns how many it deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var (key, revision) in _store.ReadExpired(_time.GetUtcNow().ToUnixTimeMilliseconds()))
        {
            try
            {
                await _store.DeleteAsync(key, revision, cancellationToken);
                deleted++;
            }
            catch (Exception e) when (e is StoreKeyNotFoundException or StoreConflictException)
            {
                // Deleted or rewritten since it was read: nothing to expire any more.
            }
        }

        return deleted;
    }
}
