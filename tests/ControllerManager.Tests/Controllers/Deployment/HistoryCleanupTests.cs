using Orchestrator.ControllerManager.Controllers.Deployment;
using static Orchestrator.ControllerManager.Tests.Controllers.TestObjects;

namespace Orchestrator.ControllerManager.Tests.Controllers.Deployment;

public sealed class HistoryCleanupTests
{
    [Theory]
    [InlineData(10, 4, "")]
    [InlineData(2, 4, "rev1,rev2")]
    [InlineData(0, 4, "rev1,rev2,rev3,rev4")]
    public void Deletes_the_oldest_revisions_beyond_the_limit(int limit, int count, string expected)
    {
        var d = NewDeployment(1);
        d.Spec.RevisionHistoryLimit = limit;
        var old = Enumerable.Range(1, count).Reverse().Select(i => NewReplicaSet($"rev{i}", 0, revision: i)).ToList();

        Assert.Equal(expected, string.Join(",", HistoryCleanup.ReplicaSetsToDelete(d, old).Select(rs => rs.Metadata.Name)));
    }

    [Fact]
    public void Keeps_replica_sets_that_still_have_replicas_or_a_stale_status()
    {
        var d = NewDeployment(1);
        d.Spec.RevisionHistoryLimit = 0;
        var scaled = NewReplicaSet("scaled", 1, revision: 1);
        var draining = NewReplicaSet("draining", 0, revision: 2, statusReplicas: 1);
        var stale = NewReplicaSet("stale", 0, revision: 3);
        stale.Metadata.Generation = 2;
        var done = NewReplicaSet("done", 0, revision: 4);

        Assert.Equal(["done"], HistoryCleanup.ReplicaSetsToDelete(d, [scaled, draining, stale, done]).Select(rs => rs.Metadata.Name));
    }

    [Fact]
    public void Without_a_limit_nothing_is_deleted()
    {
        var d = NewDeployment(1);
        d.Spec.RevisionHistoryLimit = null;

        Assert.Empty(HistoryCleanup.ReplicaSetsToDelete(d, [NewReplicaSet("a", 0, revision: 1)]));
    }
}
