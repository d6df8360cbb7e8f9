using System.Diagnostics;
using dotnet_etcd;
using Etcdserverpb;

namespace Orchestrator.Store.Etcd;

/// <summary>
/// Fail-over: every attempt goes to the current member (<see cref="EtcdEndpoints"/>) under a deadline;
/// a failure worth retrying moves the store on to the next member, and these loops send the call
/// again when <see cref="EtcdRetryPolicy"/> allows, for at most <see cref="EtcdStoreOptions.RetryTimeout"/>.
/// </summary>
/// <remarks>
/// The rule for writes: etcd's client never re-sends a write that may have reached a member, since a
/// blind repeat of a put could apply twice. Our creates and updates are compare-and-swap transactions
/// (create revision 0, mod revision N), so of any number of attempts at most one can apply, and a
/// repeat that fails its compare reads the key: holding exactly our bytes, it is our earlier attempt
/// and the write succeeded. Deletes are sent again only when they surely never arrived, because a
/// repeat cannot tell our delete from another writer's.
/// </remarks>
internal sealed partial class EtcdStore
{
    /// <summary>A read: repeated after any Unavailable or attempt timeout (an election, a lost or silent connection), as etcd's client does for reads.</summary>
    private async Task<T> ReadAsync<T>(Func<EtcdClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var timeouts = 0;
        for (var attempt = 1; ; attempt++)
        {
            var member = _members.Current;
            using var deadline = AttemptDeadline(timeouts, cancellationToken);
            try
            {
                return await call(member.Client, deadline.Token);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested
                && EtcdRetryPolicy.Classify(error, deadline.IsCancellationRequested) is not EtcdFailure.Final
                && started.Elapsed + EtcdRetryPolicy.Backoff(attempt) < _retryTimeout)
            {
                timeouts += MoveOn(member, error, deadline.IsCancellationRequested);
                await Task.Delay(EtcdRetryPolicy.Backoff(attempt), cancellationToken);
            }
        }
    }

    /// <summary>
    /// A write transaction; <paramref name="compareAndSwap"/> says a repeat after an unknown outcome is
    /// safe (see the remarks). <see cref="WriteResult.Repeated"/> tells the caller to check a failed
    /// compare against its own value.
    /// </summary>
    private async Task<WriteResult> WriteAsync(TxnRequest txn, bool compareAndSwap, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var uncertain = false;
        var timeouts = 0;
        for (var attempt = 1; ; attempt++)
        {
            var member = _members.Current;
            using var deadline = AttemptDeadline(timeouts, cancellationToken);
            try
            {
                return new WriteResult(await member.Client.TransactionAsync(txn, cancellationToken: deadline.Token), uncertain);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested
                && EtcdRetryPolicy.Classify(error, deadline.IsCancellationRequested) is var failure
                && (failure == EtcdFailure.NotSent || (failure == EtcdFailure.OutcomeUnknown && compareAndSwap))
                && started.Elapsed + EtcdRetryPolicy.Backoff(attempt) < _retryTimeout)
            {
                uncertain |= failure == EtcdFailure.OutcomeUnknown;
                timeouts += MoveOn(member, error, deadline.IsCancellationRequested);
                await Task.Delay(EtcdRetryPolicy.Backoff(attempt), cancellationToken);
            }
        }
    }

    private CancellationTokenSource AttemptDeadline(int timeouts, CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(EtcdRetryPolicy.AttemptTimeout(_attemptTimeout, timeouts, _members.Count));
        return deadline;
    }

    /// <summary>
    /// After a retryable failure on <paramref name="member"/>: the next attempt goes to the next member,
    /// and one that gave no answer at all is passed over for a while. Returns 1 when the attempt ran out of time.
    /// </summary>
    private int MoveOn(EtcdMember member, Exception error, bool timedOut)
    {
        _members.Failed(member, unreachable: timedOut || EtcdRetryPolicy.IsConnectFailure(error));
        return timedOut ? 1 : 0;
    }

    /// <summary>A transaction's answer; <paramref name="Repeated"/>: an earlier attempt may have been applied.</summary>
    private readonly record struct WriteResult(TxnResponse Response, bool Repeated);
}
