using System.Diagnostics;
using Etcdserverpb;

namespace Orchestrator.Store.Etcd;

/// <summary>
/// Fail-over: the channel moves to another member when its connection breaks, and these loops send
/// a call again when <see cref="EtcdRetryPolicy"/> allows, for at most <see cref="EtcdStoreOptions.RetryTimeout"/>.
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
    /// <summary>A read: repeated after any Unavailable (an election, a lost connection), as etcd's client does for reads.</summary>
    private async Task<T> ReadAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(cancellationToken);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested
                && EtcdRetryPolicy.Classify(error, attemptTimedOut: false) != EtcdFailure.Final
                && started.Elapsed + EtcdRetryPolicy.Backoff(attempt) < _retryTimeout)
            {
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
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(EtcdRetryPolicy.WriteAttemptTimeout(_writeAttemptTimeout, timeouts));
            try
            {
                return new WriteResult(await _client.TransactionAsync(txn, cancellationToken: deadline.Token), uncertain);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested
                && EtcdRetryPolicy.Classify(error, deadline.IsCancellationRequested) is var failure
                && (failure == EtcdFailure.NotSent || (failure == EtcdFailure.OutcomeUnknown && compareAndSwap))
                && started.Elapsed + EtcdRetryPolicy.Backoff(attempt) < _retryTimeout)
            {
                uncertain |= failure == EtcdFailure.OutcomeUnknown;
                timeouts += deadline.IsCancellationRequested ? 1 : 0;
                await Task.Delay(EtcdRetryPolicy.Backoff(attempt), cancellationToken);
            }
        }
    }

    /// <summary>A transaction's answer; <paramref name="Repeated"/>: an earlier attempt may have been applied.</summary>
    private readonly record struct WriteResult(TxnResponse Response, bool Repeated);
}
