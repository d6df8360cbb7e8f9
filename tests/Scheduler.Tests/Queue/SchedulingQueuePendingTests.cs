using Orchestrator.Scheduler.Queue;

namespace Orchestrator.Scheduler.Tests.Queue;

public sealed class SchedulingQueuePendingTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Pending_counts_each_part_of_the_queue()
    {
        var q = new SchedulingQueue(_time);
        q.Add(Make.Pod("active"));
        q.Add(Make.Pod("failing"));
        q.Add(Make.Pod("retried"));
        q.Gate(Make.Pod("gated"));
        Assert.Equal(new PendingPods(3, 0, 0, 1), q.Pending);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var first = await q.PopAsync(cts.Token);
        var second = await q.PopAsync(cts.Token);
        q.AddUnschedulableIfNotPresent(first!);
        q.AddBackoff(second!);

        Assert.Equal(new PendingPods(1, 1, 1, 1), q.Pending);
    }

    [Fact]
    public void A_gated_pod_leaves_the_other_parts_and_an_update_without_gates_makes_it_active()
    {
        var q = new SchedulingQueue(_time);
        var pod = Make.Pod("p");
        q.Add(pod);

        q.Gate(pod);
        Assert.Equal(new PendingPods(0, 0, 0, 1), q.Pending);
        Assert.False(q.Contains(pod));

        q.Update(pod);
        Assert.Equal(new PendingPods(1, 0, 0, 0), q.Pending);
    }

    [Fact]
    public void Deleting_a_gated_pod_stops_counting_it()
    {
        var q = new SchedulingQueue(_time);
        var pod = Make.Pod("p");
        q.Gate(pod);
        q.Gate(pod);

        q.Delete(pod);

        Assert.Equal(default, q.Pending);
    }
}
