using System.Diagnostics;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Client;
using Orchestrator.Testing;

namespace Orchestrator.Client.Tests.LeaderElection;

/// <summary>Leader election on a real Lease with short durations: lease 2 s, renew deadline 1.5 s, retry 0.3 s.</summary>
public sealed class LeaderElectorTests(ApiServerFixture server) : IClassFixture<ApiServerFixture>
{
    private readonly IKubernetes _client = server.Client;

    [Fact]
    public async Task OneLeaderAtATime_AndCancellingItReleasesTheLeaseForAQuickTakeOver()
    {
        var terms = new Terms();
        await using var a = new Candidate(server.Api.CreateClient(), "handover", "a", terms);
        await using var b = new Candidate(server.Api.CreateClient(), "handover", "b", terms);

        await Eventually.TrueAsync(() => a.Leading || b.Leading, "someone leads", TimeSpan.FromSeconds(5));
        var (leader, follower) = a.Leading ? (a, b) : (b, a);
        var acquiredAt = DateTime.UtcNow;
        var first = await LeaseAsync("handover");
        Assert.Equal(leader.Identity, first.Spec.HolderIdentity);
        Assert.Equal(2, first.Spec.LeaseDurationSeconds);
        Assert.Equal(0, first.Spec.LeaseTransitions);
        Assert.NotNull(first.Spec.AcquireTime);
        Assert.True(first.Spec.RenewTime >= first.Spec.AcquireTime);

        var renewed = await Eventually.MatchesAsync(
            () => LeaseAsync("handover"), l => l.Spec.RenewTime >= first.Spec.RenewTime?.AddSeconds(0.9), "several renewals (three retry periods)", TimeSpan.FromSeconds(5));
        Assert.True(leader.Leading && leader.Elector.IsLeader);
        Assert.False(follower.Leading || follower.Elector.IsLeader);
        Assert.Equal(leader.Identity, renewed.Spec.HolderIdentity);
        Assert.True(renewed.Spec.RenewTime > first.Spec.RenewTime, "the leader renews every retry period");
        Assert.Equal(first.Spec.AcquireTime, renewed.Spec.AcquireTime);

        var handover = Stopwatch.StartNew();
        await leader.StopAsync();
        Assert.False(leader.Elector.IsLeader);
        Assert.NotEqual(leader.Identity, (await LeaseAsync("handover")).Spec.HolderIdentity); // released on the way out
        await Eventually.TrueAsync(() => follower.Leading, "the follower takes over", TimeSpan.FromSeconds(5));
        Assert.True(handover.Elapsed < TimeSpan.FromSeconds(1.5), $"took over in {handover.Elapsed}, should not wait for the 2 s lease to expire");

        var taken = await LeaseAsync("handover");
        Assert.Equal(follower.Identity, taken.Spec.HolderIdentity);
        Assert.Equal(1, taken.Spec.LeaseTransitions);
        Assert.Equal(2, taken.Spec.LeaseDurationSeconds);
        Assert.True(taken.Spec.AcquireTime > first.Spec.AcquireTime);
        Assert.True(taken.Spec.AcquireTime >= acquiredAt.AddSeconds(-1));
        Assert.Equal(0, terms.Overlaps);
    }

    [Fact]
    public async Task ALeaderThatCannotRenew_StepsDownWithinItsRenewDeadline_AndIsReplacedAfterTheLeaseDuration()
    {
        var terms = new Terms();
        var network = new PartitionHandler();
        using var cutOffClient = ClientThrough(network);
        await using var a = new Candidate(cutOffClient, "partition", "a", terms);
        await Eventually.TrueAsync(() => a.Leading, "a leads", TimeSpan.FromSeconds(5));
        var bNetwork = new PartitionHandler();
        using var bClient = ClientThrough(bNetwork);
        await using var b = new Candidate(bClient, "partition", "b", terms);
        await Eventually.TrueAsync(() => bNetwork.Answered >= 3, "b sees a renewing (three reads of the lease)", TimeSpan.FromSeconds(5));
        Assert.False(b.Leading);

        network.Partitioned = true;
        var partitioned = Stopwatch.StartNew();
        await Eventually.TrueAsync(() => !a.Leading, "a steps down", TimeSpan.FromSeconds(5));
        var steppedDown = partitioned.Elapsed;
        await Eventually.TrueAsync(() => b.Leading, "b takes over", TimeSpan.FromSeconds(6));
        var tookOver = partitioned.Elapsed;

        Assert.InRange(steppedDown, TimeSpan.FromSeconds(1.1), TimeSpan.FromSeconds(2.5));
        Assert.InRange(tookOver, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(4.5));
        Assert.True(steppedDown < tookOver, $"a stepped down at {steppedDown}, b took over at {tookOver}");
        Assert.Equal(0, terms.Overlaps);
        var lease = await LeaseAsync("partition");
        Assert.Equal("b", lease.Spec.HolderIdentity);
        Assert.Equal(1, lease.Spec.LeaseTransitions);

        var answeredBeforeHealing = network.Answered;
        network.Partitioned = false; // a comes back: it campaigns again but b holds the lease
        await Eventually.TrueAsync(() => network.Answered >= answeredBeforeHealing + 3, "a campaigns again (three reads of the lease)", TimeSpan.FromSeconds(5));
        Assert.False(a.Leading);
        Assert.True(b.Leading);
        Assert.Equal(0, terms.Overlaps);
    }

    [Fact]
    public async Task TheLeaderRenewsWithoutReadingFirst_AndReadsAgainOnceSomeoneElseWroteTheLease()
    {
        var terms = new Terms();
        var network = new PartitionHandler();
        using var client = ClientThrough(network);
        await using var a = new Candidate(client, "optimistic", "a", terms);
        await Eventually.TrueAsync(() => a.Leading, "a leads", TimeSpan.FromSeconds(5));
        var (answered, reads) = (network.Answered, network.Reads);

        await Eventually.TrueAsync(() => network.Answered >= answered + 3, "three renewals", TimeSpan.FromSeconds(5));
        Assert.Equal(reads, network.Reads); // client-go's fast path: the leader writes the copy it wrote last

        // A write by someone else (a label) makes that copy stale: the next renewal conflicts, and the leader reads and renews.
        var changed = await LabelAsync("optimistic");
        var renewed = await Eventually.MatchesAsync(
            () => LeaseAsync("optimistic"), l => l.Spec.RenewTime > changed.Spec.RenewTime && l.Metadata.ResourceVersion != changed.Metadata.ResourceVersion, "renewed after the conflict", TimeSpan.FromSeconds(5));
        Assert.True(network.Reads > reads);
        Assert.Equal("a", renewed.Spec.HolderIdentity);
        Assert.Equal("yes", renewed.Metadata.Labels["touched"]);
        Assert.Equal(changed.Spec.AcquireTime, renewed.Spec.AcquireTime);
        Assert.True(a.Leading);
        Assert.Equal(0, terms.Overlaps);
    }

    [Fact]
    public async Task ALeaseHeldByADeadHolder_IsTakenOnlyAfterItsDuration()
    {
        var start = DateTime.UtcNow;
        await _client.CoordinationV1.CreateNamespacedLeaseAsync(
            new V1Lease
            {
                Metadata = new V1ObjectMeta { Name = "stale", NamespaceProperty = "default" },
                Spec = new V1LeaseSpec { HolderIdentity = "ghost", LeaseDurationSeconds = 2, AcquireTime = start, RenewTime = start, LeaseTransitions = 4 },
            },
            "default");
        var terms = new Terms();
        var clock = Stopwatch.StartNew();
        await using var c = new Candidate(server.Api.CreateClient(), "stale", "c", terms);

        await Eventually.TrueAsync(() => c.Leading, "c takes the abandoned lease", TimeSpan.FromSeconds(6));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(4.5));
        var lease = await LeaseAsync("stale");
        Assert.Equal("c", lease.Spec.HolderIdentity);
        Assert.Equal(5, lease.Spec.LeaseTransitions);
        Assert.Equal(2, lease.Spec.LeaseDurationSeconds);
        Assert.True(lease.Spec.AcquireTime > start);
    }

    [Fact]
    public async Task CancelledWhileFollowing_ReturnsWithoutLeading()
    {
        var terms = new Terms();
        await using var holder = new Candidate(server.Api.CreateClient(), "follow", "holder", terms);
        await Eventually.TrueAsync(() => holder.Leading, "holder leads", TimeSpan.FromSeconds(5));
        var followerNetwork = new PartitionHandler();
        using var followerClient = ClientThrough(followerNetwork);
        var follower = new Candidate(followerClient, "follow", "follower", terms);
        await Eventually.TrueAsync(() => followerNetwork.Answered >= 2, "the follower finds the lease held and retries", TimeSpan.FromSeconds(5));

        await follower.StopAsync();
        await follower.DisposeAsync();

        Assert.Equal(1, terms.Started);
        Assert.Equal("holder", (await LeaseAsync("follow")).Spec.HolderIdentity); // a follower never releases someone else's lease
    }

    [Fact]
    public async Task WorkThatEndsByItself_ReleasesTheLease_AndReturns()
    {
        var elector = new LeaderElector(server.Api.CreateClient(), Candidate.Options("done", "d"), NullLogger.Instance);
        var runs = 0;

        await elector.RunAsync(_ => Task.FromResult(Interlocked.Increment(ref runs)), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(1, runs); // not re-acquired in a loop
        Assert.False(elector.IsLeader);
        var lease = await LeaseAsync("done");
        Assert.True(string.IsNullOrEmpty(lease.Spec.HolderIdentity));
        Assert.Equal(1, lease.Spec.LeaseDurationSeconds);
    }

    [Fact]
    public async Task WorkThatThrows_ReleasesTheLease_AndRethrows()
    {
        var elector = new LeaderElector(server.Api.CreateClient(), Candidate.Options("crash", "c"), NullLogger.Instance);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => elector.RunAsync(_ => throw new InvalidOperationException("controller crashed"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)));

        Assert.Equal("controller crashed", error.Message);
        Assert.False(elector.IsLeader);
        Assert.True(string.IsNullOrEmpty((await LeaseAsync("crash")).Spec.HolderIdentity));
    }

    [Theory]
    [InlineData(15, 10, 2, true)]
    [InlineData(2, 1.5, 0.3, true)]
    [InlineData(10, 10, 2, false)]
    [InlineData(15, 2, 2, false)]
    [InlineData(15, 10, 0, false)]
    public void Options_MustLeaveRoomBetweenRetryRenewAndLease(double lease, double renew, double retry, bool valid)
    {
        var options = new LeaderElectionOptions("l", "me")
        {
            LeaseDuration = TimeSpan.FromSeconds(lease),
            RenewDeadline = TimeSpan.FromSeconds(renew),
            RetryPeriod = TimeSpan.FromSeconds(retry),
        };

        var error = Record.Exception(() => new LeaderElector(_client, options, NullLogger.Instance));

        Assert.Equal(valid, error is null);
    }

    /// <summary>A client whose requests go through <paramref name="network"/>.</summary>
    private Kubernetes ClientThrough(PartitionHandler network) =>
        new(new KubernetesClientConfiguration { Host = server.Api.Address.ToString(), AccessToken = "test" }, network);

    /// <summary>Adds a label to the lease, retrying when the leader's renewal wrote first.</summary>
    private async Task<V1Lease> LabelAsync(string name)
    {
        while (true)
        {
            var lease = await LeaseAsync(name);
            lease.Metadata.Labels = new Dictionary<string, string> { ["touched"] = "yes" };
            try
            {
                return await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, name, "default");
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
                // renewed meanwhile: read again
            }
        }
    }

    private Task<V1Lease> LeaseAsync(string name) => _client.CoordinationV1.ReadNamespacedLeaseAsync(name, "default");
}
