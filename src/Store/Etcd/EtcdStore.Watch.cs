using Etcdserverpb;

namespace Orchestrator.Store.Etcd;

/// <summary>Watches: one etcd watch per call, on its own gRPC stream.</summary>
internal sealed partial class EtcdStore
{
    public IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long fromRevision, WatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(fromRevision);
        var interval = options?.ProgressInterval;
        if (interval is { } idle)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idle, TimeSpan.Zero, nameof(options));
        }

        ThrowIfDisposed();
        var (start, end) = _keys.Range(prefix);
        var create = new WatchCreateRequest
        {
            Key = start,
            RangeEnd = end,
            // etcd's start revision is inclusive; the contract's fromRevision is exclusive.
            StartRevision = fromRevision + 1,
            PrevKv = true,
            ProgressNotify = interval is not null,
        };
        return new EtcdWatch(_members.Current.Watch, _keys, _time, _disposing.Token).ReadAsync(create, fromRevision, interval, cancellationToken);
    }
}
