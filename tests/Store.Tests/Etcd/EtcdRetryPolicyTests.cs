using System.Net.Http;
using System.Net.Sockets;
using Grpc.Core;
using Orchestrator.Store.Etcd;

namespace Orchestrator.Store.Tests.Etcd;

public sealed class EtcdRetryPolicyTests
{
    public static TheoryData<string, Exception, bool, string> Failures => new()
    {
        { "no leader: refused before proposing", Rpc(StatusCode.Unavailable, "etcdserver: no leader"), false, nameof(EtcdFailure.NotSent) },
        { "connection refused", Rpc(StatusCode.Unavailable, "Error connecting to subchannel.", new SocketException((int)SocketError.ConnectionRefused)), false, nameof(EtcdFailure.NotSent) },
        { "connect timed out (address gone silent)", Rpc(StatusCode.Unavailable, "Error starting gRPC call.", new HttpRequestException(HttpRequestError.ConnectionError, "timed out", new SocketException((int)SocketError.TimedOut))), false, nameof(EtcdFailure.NotSent) },
        { "connect error wrapped by HttpClient", Rpc(StatusCode.Unavailable, "Error starting gRPC call.", new HttpRequestException(HttpRequestError.ConnectionError)), false, nameof(EtcdFailure.NotSent) },
        { "request timed out", Rpc(StatusCode.Unavailable, "etcdserver: request timed out"), false, nameof(EtcdFailure.OutcomeUnknown) },
        { "leader changed", Rpc(StatusCode.Unavailable, "etcdserver: leader changed"), false, nameof(EtcdFailure.OutcomeUnknown) },
        { "connection lost mid-call", Rpc(StatusCode.Unavailable, "Error starting gRPC call.", new HttpRequestException(HttpRequestError.ResponseEnded)), false, nameof(EtcdFailure.OutcomeUnknown) },
        { "deadline exceeded", Rpc(StatusCode.DeadlineExceeded, "deadline"), false, nameof(EtcdFailure.OutcomeUnknown) },
        { "our attempt deadline", new OperationCanceledException(), true, nameof(EtcdFailure.OutcomeUnknown) },
        { "caller cancelled", new OperationCanceledException(), false, nameof(EtcdFailure.Final) },
        { "compacted", Rpc(StatusCode.OutOfRange, "etcdserver: mvcc: required revision has been compacted"), false, nameof(EtcdFailure.Final) },
        { "too large", Rpc(StatusCode.InvalidArgument, "etcdserver: request is too large"), false, nameof(EtcdFailure.Final) },
        { "not an RPC failure", new InvalidOperationException("bug"), false, nameof(EtcdFailure.Final) },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Classify_says_whether_a_failed_call_may_have_been_applied(string what, Exception error, bool attemptTimedOut, string expected)
    {
        Assert.True(Enum.Parse<EtcdFailure>(expected) == EtcdRetryPolicy.Classify(error, attemptTimedOut), what);
    }

    [Theory]
    [InlineData(0, 1, 2000)]
    [InlineData(1, 1, 4000)]
    [InlineData(3, 1, 16000)]
    [InlineData(9, 1, 32000)]
    [InlineData(2, 3, 2000)]
    [InlineData(3, 3, 4000)]
    [InlineData(6, 3, 8000)]
    [InlineData(60, 3, 32000)]
    public void An_attempt_gets_twice_the_time_after_each_round_of_members_that_all_ran_out(int timedOut, int members, int expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), EtcdRetryPolicy.AttemptTimeout(TimeSpan.FromSeconds(2), timedOut, members));
    }

    [Fact]
    public void Backoff_between_attempts_grows_from_50_ms_to_at_most_1_s()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(50), EtcdRetryPolicy.Backoff(1));
        Assert.Equal(TimeSpan.FromSeconds(1), EtcdRetryPolicy.Backoff(20));
    }

    private static RpcException Rpc(StatusCode code, string detail, Exception? debug = null) => new(new Status(code, detail, debug));
}
