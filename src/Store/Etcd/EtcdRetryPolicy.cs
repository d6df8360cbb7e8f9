using System.Net.Http;
using System.Net.Sockets;

namespace Orchestrator.Store.Etcd;

/// <summary>
/// What a failed etcd call means for retrying it, the rule etcd's own client applies (clientv3
/// retry_interceptor.go): a read may be sent again after any Unavailable; a write only when it surely
/// never reached a member, unless the write is a compare-and-swap whose retry recognizes its own
/// earlier success (see <see cref="EtcdStore"/>'s writes).
/// </summary>
internal static class EtcdRetryPolicy
{
    /// <summary>Waits between attempts: short, because the usual cause is an election (about one election timeout).</summary>
    public static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Math.Min(1000, 25 << Math.Min(attempt, 6)));

    /// <summary>
    /// An attempt's deadline: a proposal forwarded to a leader that just died is lost, and etcd
    /// answers it only after its request timeout (5 s + 2 election timeouts); a call on a connection
    /// gone silent is answered never. We give up on the attempt sooner and send it again to the next
    /// member. Doubles after each round of <paramref name="members"/> attempts that ran out of time, so
    /// a slow but healthy etcd is not flooded with repeats while one dead member costs one attempt.
    /// </summary>
    public static TimeSpan AttemptTimeout(TimeSpan first, int timedOutAttempts, int members) =>
        first * (1 << Math.Min(timedOutAttempts / Math.Max(members, 1), 4));

    /// <summary>Classifies the failure of one attempt; <paramref name="attemptTimedOut"/> says our own attempt deadline fired.</summary>
    public static EtcdFailure Classify(Exception error, bool attemptTimedOut)
    {
        if (attemptTimedOut && error is OperationCanceledException)
        {
            return EtcdFailure.OutcomeUnknown;
        }

        if (error is not RpcException rpc)
        {
            return EtcdFailure.Final;
        }

        return rpc.StatusCode switch
        {
            // etcd refuses before proposing when the member knows no leader: nothing was written.
            StatusCode.Unavailable when rpc.Status.Detail.Contains("etcdserver: no leader", StringComparison.Ordinal) => EtcdFailure.NotSent,
            // No connection to any member: the request never left this process.
            StatusCode.Unavailable when IsConnectFailure(rpc) => EtcdFailure.NotSent,
            // "request timed out", "leader changed", a connection lost mid-call: it may have been applied.
            StatusCode.Unavailable or StatusCode.DeadlineExceeded => EtcdFailure.OutcomeUnknown,
            _ => EtcdFailure.Final,
        };
    }

    /// <summary>The call failed because no connection to the member could be made (refused, unreachable, timed out).</summary>
    public static bool IsConnectFailure(Exception? error)
    {
        if (error is RpcException rpc)
        {
            error = rpc.Status.DebugException;
        }

        for (var current = error; current is not null; current = current.InnerException)
        {
            if (current is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.TimedOut or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostNotFound }
                || current is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError })
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>How sure we are about what a failed etcd call did.</summary>
internal enum EtcdFailure
{
    /// <summary>Not retryable: etcd answered (compacted, invalid, …) or the caller cancelled.</summary>
    Final,

    /// <summary>The request reached no member, or etcd rejected it before proposing: safe to send again.</summary>
    NotSent,

    /// <summary>It may or may not have been applied.</summary>
    OutcomeUnknown,
}
