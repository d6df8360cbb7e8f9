using Orchestrator.ControllerManager.Controllers.ReplicaSet;

namespace Orchestrator.ControllerManager.Tests.Controllers.ReplicaSet;

public sealed class ControllerExpectationsTests
{
    [Fact]
    public void Creations_are_pending_until_each_is_observed()
    {
        var expectations = new ControllerExpectations(new FakeTimeProvider(TestObjects.Now));
        Assert.True(expectations.Satisfied("default/web"));

        expectations.ExpectCreations("default/web", 2);
        Assert.False(expectations.Satisfied("default/web"));
        expectations.CreationObserved("default/web");
        Assert.False(expectations.Satisfied("default/web"));
        expectations.CreationObserved("default/web");
        Assert.True(expectations.Satisfied("default/web"));
    }

    [Fact]
    public void Deletions_are_tracked_per_pod_so_repeated_observations_do_not_count_twice()
    {
        var expectations = new ControllerExpectations(new FakeTimeProvider(TestObjects.Now));
        expectations.ExpectDeletions("default/web", ["default/a", "default/b"]);

        expectations.DeletionObserved("default/web", "default/a");
        expectations.DeletionObserved("default/web", "default/a");
        Assert.False(expectations.Satisfied("default/web"));
        expectations.DeletionObserved("default/web", "default/b");
        Assert.True(expectations.Satisfied("default/web"));
    }

    [Fact]
    public void Expectations_expire_after_five_minutes()
    {
        var time = new FakeTimeProvider(TestObjects.Now);
        var expectations = new ControllerExpectations(time);
        expectations.ExpectCreations("default/web", 1);

        time.Advance(TimeSpan.FromMinutes(4));
        Assert.False(expectations.Satisfied("default/web"));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.True(expectations.Satisfied("default/web"));
    }
}
