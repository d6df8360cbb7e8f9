using System.Runtime.CompilerServices;

namespace Orchestrator.Store.Etcd;

/// <summary>
/// Watches: one etcd watch per call, on its own gRPC stream to the current member. A watch that fails
/// with Unavailable (member gone, keep-alive gave up on a silent connection) moves the store on to the
/// next member, so the consumer's re-watch does not go back to the dead one.
/// </summary>
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
        return OnCurrentMemberAsync(
            member => new EtcdWatch(member.Watch, _keys, _time, _disposing.Token).ReadAsync(create, fromRevision, interval, cancellationToken),
            cancellationToken);
    }

    /// <summary>
    /// Opens the watch on the current member (per enumeration) and passes its events on; a failure worth
    /// retrying elsewhere moves the store off that member before it reaches the consumer.
    /// </summary>
    private async IAsyncEnumerable<WatchEvent> OnCurrentMemberAsync(
        Func<EtcdMember, IAsyncEnumerable<WatchEvent>> open, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var member = _members.Current;
        await using var watch = open(member).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await watch.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (RpcException error) when (!cancellationToken.IsCancellationRequested && EtcdRetryPolicy.Classify(error, attemptTimedOut: false) != EtcdFailure.Final)
            {
                _members.Failed(member, unreachable: EtcdRetryPolicy.IsConnectFailure(error));
                throw;
            }

            yield return watch.Current;
        }
    }
}
