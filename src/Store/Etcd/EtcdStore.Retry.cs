using System.Diagnostics;
using dotnet_etcd;

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
    /// <summary>How long a member that let an attempt run out of time has to answer a local read to keep the next attempt.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>A read: repeated after any Unavailable or attempt timeout (an election, a lost or silent connection), as etcd's client does for reads.</summary>
    private Task<T> ReadAsync<T>(Func<EtcdClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        AttemptAsync((client, _, deadline) => call(client, deadline), failure => failure is not EtcdFailure.Final, cancellationToken);

    /// <summary>
    /// A write transaction; <paramref name="compareAndSwap"/> says a repeat after an unknown outcome is
    /// safe (see the remarks). <see cref="WriteResult.Repeated"/> tells the caller to check a failed
    /// compare against its own value.
    /// </summary>
    private Task<WriteResult> WriteAsync(TxnRequest txn, bool compareAndSwap, CancellationToken cancellationToken) =>
        AttemptAsync(
            async (client, uncertain, deadline) => new WriteResult(await client.TransactionAsync(txn, cancellationToken: deadline), uncertain),
            failure => failure == EtcdFailure.NotSent || (failure == EtcdFailure.OutcomeUnknown && compareAndSwap),
            cancellationToken);

    /// <summary>
    /// Sends <paramref name="call"/> to the current member under an attempt deadline, and again (after
    /// <see cref="EtcdRetryPolicy.Backoff"/>, on the member <see cref="MoveOnAsync"/> picks) while each failure is
    /// <paramref name="repeatable"/> and the retry timeout allows. The call's second argument says whether an
    /// earlier attempt's outcome is unknown (it may have been applied).
    /// </summary>
    private async Task<T> AttemptAsync<T>(Func<EtcdClient, bool, CancellationToken, Task<T>> call, Func<EtcdFailure, bool> repeatable, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var uncertain = false;
        var timeouts = 0;
        var stayed = false;
        for (var attempt = 1; ; attempt++)
        {
            var member = _members.Current;
            using var deadline = AttemptDeadline(timeouts, cancellationToken);
            try
            {
                return await call(member.Client, uncertain, deadline.Token);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested
                && EtcdRetryPolicy.Classify(error, deadline.IsCancellationRequested) is var failure
                && repeatable(failure)
                && started.Elapsed + EtcdRetryPolicy.Backoff(attempt) < _retryTimeout)
            {
                uncertain |= failure == EtcdFailure.OutcomeUnknown;
                timeouts += deadline.IsCancellationRequested ? 1 : 0;
                stayed = await MoveOnAsync(member, error, deadline.IsCancellationRequested, stayed);
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
    /// After a retryable failure on <paramref name="member"/>, picks where the next attempt goes. An attempt
    /// that ran out of time leaves two explanations: the member went silent (a killed container), or it is
    /// alive and the proposal it forwarded died with the leader. A quick local read tells them apart: a
    /// member that answers gets the next attempt once more (<paramref name="stayed"/>: it already did, so
    /// now move on), because trying the next member would risk an attempt on the dead leader. Every other
    /// failure moves on at once. Returns whether the next attempt stays on <paramref name="member"/>.
    /// </summary>
    private async Task<bool> MoveOnAsync(EtcdMember member, Exception error, bool timedOut, bool stayed)
    {
        if (timedOut && !stayed && await AnswersAsync(member))
        {
            return true;
        }

        _members.Failed(member, unreachable: timedOut || EtcdRetryPolicy.IsConnectFailure(error));
        return false;
    }

    /// <summary>Whether <paramref name="member"/> answers a serializable read (served by the member itself, leader or not) within <see cref="ProbeTimeout"/>.</summary>
    private async Task<bool> AnswersAsync(EtcdMember member)
    {
        using var probe = CancellationTokenSource.CreateLinkedTokenSource(_disposing.Token);
        probe.CancelAfter(ProbeTimeout);
        var (key, _) = _keys.Range("");
        try
        {
            await member.Client.GetAsync(new RangeRequest { Key = key, KeysOnly = true, Limit = 1, Serializable = true }, cancellationToken: probe.Token);
            return true;
        }
        catch (Exception error) when (error is OperationCanceledException or RpcException && !_disposing.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>A transaction's answer; <paramref name="Repeated"/>: an earlier attempt may have been applied.</summary>
    private readonly record struct WriteResult(TxnResponse Response, bool Repeated);
}
