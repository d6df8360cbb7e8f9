using Orchestrator.Scheduler.Cache;
using Orchestrator.Scheduler.Framework;

namespace Orchestrator.Scheduler.Tests.Cache;

public class SchedulerCacheTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Assumed_pod_is_visible_in_the_next_snapshot()
    {
        var cache = new SchedulerCache(_time);
        cache.AddNode(Make.Node("n1", cpu: "2"));
        var snapshot = new Snapshot();
        cache.UpdateSnapshot(snapshot);
        Assert.Equal(0, snapshot.Get("n1")!.Requested.MilliCpu);

        var pod = Make.Pod("p", cpu: "1500m");
        Assert.True(cache.AssumePod(new PodInfo(pod), "n1"));
        cache.UpdateSnapshot(snapshot);
        Assert.Equal(1500, snapshot.Get("n1")!.Requested.MilliCpu);
        Assert.True(cache.IsAssumed(pod));
        Assert.False(cache.AssumePod(new PodInfo(pod), "n1"));
    }

    [Fact]
    public void Snapshot_clones_only_changed_nodes()
    {
        var cache = new SchedulerCache(_time);
        cache.AddNode(Make.Node("n1"));
        cache.AddNode(Make.Node("n2"));
        var snapshot = new Snapshot();
        cache.UpdateSnapshot(snapshot);
        var n1 = snapshot.Get("n1");
        var n2 = snapshot.Get("n2");
        cache.AssumePod(new PodInfo(Make.Pod("p", cpu: "1")), "n2");
        cache.UpdateSnapshot(snapshot);
        Assert.Same(n1, snapshot.Get("n1"));
        Assert.NotSame(n2, snapshot.Get("n2"));
        Assert.Equal(0, n2!.Requested.MilliCpu); // the previous cycle's copy was not mutated
        Assert.Equal(["n1", "n2"], snapshot.Nodes.Select(n => n.Name));
    }

    [Fact]
    public void Informer_confirmation_turns_assumed_into_bound()
    {
        var cache = new SchedulerCache(_time);
        cache.AddNode(Make.Node("n1"));
        var pod = Make.Pod("p", cpu: "1");
        cache.AssumePod(new PodInfo(pod), "n1");
        cache.FinishBinding(pod);
        var bound = Make.Pod("p", cpu: "1", nodeName: "n1");
        bound.Metadata.Uid = pod.Metadata.Uid;
        cache.AddPod(bound);
        Assert.False(cache.IsAssumed(pod));
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty(cache.CleanupExpiredAssumedPods());
        var snapshot = new Snapshot();
        cache.UpdateSnapshot(snapshot);
        Assert.Equal(1000, snapshot.Get("n1")!.Requested.MilliCpu);
        Assert.Single(snapshot.Get("n1")!.Pods);
    }

    [Fact]
    public void Forget_releases_the_resources()
    {
        var cache = new SchedulerCache(_time);
        cache.AddNode(Make.Node("n1"));
        var pod = Make.Pod("p", cpu: "1");
        cache.AssumePod(new PodInfo(pod), "n1");
        cache.ForgetPod(pod);
        var snapshot = new Snapshot();
        cache.UpdateSnapshot(snapshot);
        Assert.Equal(0, snapshot.Get("n1")!.Requested.MilliCpu);
        Assert.Equal(0, cache.PodCount);
    }

    [Fact]
    public void Unconfirmed_assumed_pods_expire_after_the_ttl_once_binding_finished()
    {
        var cache = new SchedulerCache(_time, TimeSpan.FromSeconds(30));
        cache.AddNode(Make.Node("n1"));
        var pod = Make.Pod("p", cpu: "1");
        cache.AssumePod(new PodInfo(pod), "n1");
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(cache.CleanupExpiredAssumedPods()); // binding still in flight: never expires
        cache.FinishBinding(pod);
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(cache.CleanupExpiredAssumedPods());
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(cache.CleanupExpiredAssumedPods());
        Assert.Equal(0, cache.PodCount);
    }

    [Fact]
    public void Pods_on_unknown_nodes_wait_in_a_placeholder_and_removed_nodes_leave_the_snapshot()
    {
        var cache = new SchedulerCache(_time);
        cache.AddPod(Make.Pod("p", cpu: "1", nodeName: "later"));
        var snapshot = new Snapshot();
        cache.UpdateSnapshot(snapshot);
        Assert.Empty(snapshot.Nodes);
        var node = Make.Node("later");
        cache.AddNode(node);
        cache.UpdateSnapshot(snapshot);
        Assert.Equal(1000, Assert.Single(snapshot.Nodes).Requested.MilliCpu);
        cache.RemoveNode(node);
        cache.UpdateSnapshot(snapshot);
        Assert.Empty(snapshot.Nodes);
    }

    [Fact]
    public void Deleting_a_bound_pod_frees_its_node()
    {
        var cache = new SchedulerCache(_time);
        cache.AddNode(Make.Node("n1"));
        var pod = Make.Pod("p", cpu: "1", nodeName: "n1");
        cache.AddPod(pod);
        cache.RemovePod(pod);
        var snapshot = new Snapshot();
        cache.UpdateSnapshot(snapshot);
        Assert.Equal(0, snapshot.Get("n1")!.Requested.MilliCpu);
    }
}
