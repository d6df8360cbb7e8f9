using Orchestrator.ControllerManager.Controllers.Deployment;
using static Orchestrator.ControllerManager.Tests.Controllers.TestObjects;

namespace Orchestrator.ControllerManager.Tests.Controllers.Deployment;

public sealed class RevisionsTests
{
    [Fact]
    public void A_new_replica_set_gets_the_next_revision_and_replica_annotations()
    {
        var d = NewDeployment(4, "1", "0");
        d.Metadata.Annotations["team"] = "blue";
        d.Metadata.Annotations["kubectl.kubernetes.io/last-applied-configuration"] = "{}";
        d.Metadata.Annotations["deployment.kubernetes.io/revision"] = "7";
        var rs = NewReplicaSet("new", 0);

        Assert.True(Revisions.SetNewReplicaSetAnnotations(d, rs, 3, exists: false));

        var annotations = rs.Metadata.Annotations;
        Assert.Equal("3", annotations["deployment.kubernetes.io/revision"]);
        Assert.Equal("4", annotations["deployment.kubernetes.io/desired-replicas"]);
        Assert.Equal("5", annotations["deployment.kubernetes.io/max-replicas"]);
        Assert.Equal("blue", annotations["team"]);
        Assert.False(annotations.ContainsKey("kubectl.kubernetes.io/last-applied-configuration"));
        Assert.False(annotations.ContainsKey("deployment.kubernetes.io/revision-history"));
    }

    [Theory]
    [InlineData(1, null, 3, "3", "1")]
    [InlineData(3, "1", 5, "5", "1,3")]
    public void Rolling_back_to_an_old_replica_set_bumps_its_revision_and_records_history(long current, string? history, long next, string revision, string expectedHistory)
    {
        var d = NewDeployment(1);
        var rs = NewReplicaSet("old", 0, revision: current);
        if (history is not null)
        {
            rs.Metadata.Annotations["deployment.kubernetes.io/revision-history"] = history;
        }

        Assert.True(Revisions.SetNewReplicaSetAnnotations(d, rs, next, exists: true));

        Assert.Equal(revision, rs.Metadata.Annotations["deployment.kubernetes.io/revision"]);
        Assert.Equal(expectedHistory, rs.Metadata.Annotations["deployment.kubernetes.io/revision-history"]);
    }

    [Fact]
    public void The_current_new_replica_set_keeps_a_revision_that_is_already_highest()
    {
        var d = NewDeployment(1);
        var rs = NewReplicaSet("new", 1, revision: 4);

        Assert.False(Revisions.SetNewReplicaSetAnnotations(d, rs, 2, exists: true));
        Assert.Equal("4", rs.Metadata.Annotations["deployment.kubernetes.io/revision"]);
    }

    [Fact]
    public void Max_revision_ignores_unparsable_annotations()
    {
        var broken = NewReplicaSet("broken", 0);
        broken.Metadata.Annotations["deployment.kubernetes.io/revision"] = "x";

        Assert.Equal(5, ReplicaSets.MaxRevision([NewReplicaSet("a", 0, revision: 5), NewReplicaSet("b", 0, revision: 2), broken]));
    }
}
