namespace Orchestrator.Store.Etcd;

/// <summary>
/// The store on etcd v3, done the way kube-apiserver's etcd3 storage does it: etcd's own revision is
/// the store revision, writes are compare-and-swap transactions on create or mod revision, TTLs are
/// leases, lists are range reads at one revision and watches are etcd watches with prev_kv.
/// </summary>
/// <remarks>
/// Every key lives under <see cref="EtcdStoreOptions.KeyPrefix"/>, but the revision is etcd's, shared
/// by every writer of that etcd: with other writers it advances by more than one per write of this
/// store, and <see cref="CompactAsync"/> compacts the whole etcd.
/// </remarks>
internal sealed partial class EtcdStore : IStore
{
    private readonly EtcdEndpoints _members;
    private readonly EtcdKeySpace _keys;
    private readonly EtcdLeaseCache _leases;
    private readonly TimeProvider _time;
    private readonly TimeSpan _attemptTimeout;
    private readonly TimeSpan _retryTimeout;
    private readonly CancellationTokenSource _disposing = new();
    private int _disposed;

    public EtcdStore(EtcdStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.KeyPrefix);
        ArgumentNullException.ThrowIfNull(options.TimeProvider);
        // Validate the prefix before opening anything that would need closing.
        _keys = new EtcdKeySpace(options.KeyPrefix);
        _time = options.TimeProvider;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.AttemptTimeout, TimeSpan.Zero, nameof(options.AttemptTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RetryTimeout, TimeSpan.Zero, nameof(options.RetryTimeout));
        _attemptTimeout = options.AttemptTimeout;
        _retryTimeout = options.RetryTimeout;
        _members = new EtcdEndpoints(options.Endpoints, _time);
        _leases = new EtcdLeaseCache(GrantLeaseAsync, _time);
    }

    public async ValueTask<long> GetCurrentRevisionAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        // A linearizable read of at most one key: the header carries the newest revision.
        var (start, _) = _keys.Range("");
        var response = await ReadAsync((client, ct) => client.GetAsync(new RangeRequest { Key = start, KeysOnly = true }, cancellationToken: ct), cancellationToken);
        return response.Header.Revision;
    }

    public async Task<KeyValue?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ThrowIfDisposed();
        var response = await ReadAsync((client, ct) => client.GetAsync(new RangeRequest { Key = _keys.Key(key) }, cancellationToken: ct), cancellationToken);
        return response.Kvs.Count == 0 ? null : _keys.ToKeyValue(response.Kvs[0]);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Open watches end with ObjectDisposedException rather than a transport error.
        await _disposing.CancelAsync();
        _members.Dispose();
        _disposing.Dispose();
    }

    private async Task<long> GrantLeaseAsync(long seconds, CancellationToken cancellationToken)
    {
        // Repeating a grant whose answer was lost leaks at most an unused lease, which expires by itself.
        var response = await ReadAsync((client, ct) => client.LeaseGrantAsync(new LeaseGrantRequest { TTL = seconds }, cancellationToken: ct), cancellationToken);
        if (!string.IsNullOrEmpty(response.Error))
        {
            throw new InvalidOperationException($"etcd refused a {seconds} s lease: {response.Error}");
        }

        return response.ID;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed != 0, this);

    /// <summary>The revision a compacted read failed for could not be served; ask etcd how far it compacted.</summary>
    private async Task<StoreCompactedException> CompactedAsync(long requestedRevision, CancellationToken cancellationToken) =>
        new(requestedRevision, await FindCompactRevisionAsync(requestedRevision, cancellationToken));

    private async Task<StoreFutureRevisionException> FutureAsync(long requestedRevision, CancellationToken cancellationToken) =>
        new(requestedRevision, await GetCurrentRevisionAsync(cancellationToken));

    private static bool IsRevisionError(RpcException error) => EtcdErrors.IsCompacted(error) || EtcdErrors.IsFutureRevision(error);
}
