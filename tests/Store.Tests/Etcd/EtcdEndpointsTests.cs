using Orchestrator.Store.Etcd;

namespace Orchestrator.Store.Tests.Etcd;

/// <summary>Which member calls go to after failures (no connection is made: channels connect on their first call).</summary>
public sealed class EtcdEndpointsTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly EtcdEndpoints _members;

    public EtcdEndpointsTests() =>
        _members = new EtcdEndpoints([new("http://127.0.0.1:1"), new("http://127.0.0.1:2"), new("http://127.0.0.1:3")], _time);

    public void Dispose() => _members.Dispose();

    [Fact]
    public void Calls_go_to_the_first_member_then_to_the_next_after_a_failure_and_round_again()
    {
        Assert.Equal(0, _members.Current.Index);
        _members.Failed(_members.Current, unreachable: false);
        Assert.Equal(1, _members.Current.Index);
        _members.Failed(_members.Current, unreachable: false);
        _members.Failed(_members.Current, unreachable: false);
        Assert.Equal(0, _members.Current.Index);
    }

    [Fact]
    public void Concurrent_failures_on_one_member_move_on_once()
    {
        var first = _members.Current;
        _members.Failed(first, unreachable: false);
        _members.Failed(first, unreachable: false);
        Assert.Equal(1, _members.Current.Index);
    }

    [Fact]
    public void A_member_that_did_not_answer_is_passed_over_for_5_s()
    {
        _members.Failed(_members.Current, unreachable: true);
        // Member 1 fails with an answer (e.g. "no leader"): the next is 2, then 1 again, not the silent 0.
        _members.Failed(_members.Current, unreachable: false);
        Assert.Equal(2, _members.Current.Index);
        _members.Failed(_members.Current, unreachable: false);
        Assert.Equal(1, _members.Current.Index);

        _time.Advance(EtcdEndpoints.UnreachableFor);
        _members.Failed(_members.Current, unreachable: false);
        _members.Failed(_members.Current, unreachable: false);
        Assert.Equal(0, _members.Current.Index);
    }

    [Fact]
    public void When_no_member_answers_calls_keep_going_round()
    {
        for (var i = 0; i < 3; i++)
        {
            _members.Failed(_members.Current, unreachable: true);
        }

        Assert.Equal(0, _members.Current.Index);
        _members.Failed(_members.Current, unreachable: true);
        Assert.Equal(1, _members.Current.Index);
    }

    [Theory]
    [InlineData("http://127.0.0.1:1,https://127.0.0.1:2")]
    [InlineData("http://127.0.0.1:1/registry")]
    [InlineData("grpc://127.0.0.1:1")]
    public void Mixed_schemes_paths_and_other_schemes_are_refused(string endpoints)
    {
        var uris = endpoints.Split(',').Select(e => new Uri(e)).ToArray();
        Assert.Throws<ArgumentException>(() => new EtcdEndpoints(uris, _time));
    }
}
