using Orchestrator.Scheduler.Queue;

namespace Orchestrator.Scheduler.Tests.Queue;

public class SchedulingQueueTests
{
    private readonly FakeTimeProvider _time = new();

    private SchedulingQueue NewQueue() => new(_time);

    private static async Task<string> PopName(SchedulingQueue q)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var item = await q.PopAsync(cts.Token);
        return item!.Pod.Metadata.Name;
    }

    [Fact]
    public async Task Pops_by_priority_then_timestamp()
    {
        var q = NewQueue();
        q.Add(Make.Pod("low1", priority: 0));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        q.Add(Make.Pod("high", priority: 100));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        q.Add(Make.Pod("low2", priority: 0));
        Assert.Equal("high", await PopName(q));
        Assert.Equal("low1", await PopName(q));
        Assert.Equal("low2", await PopName(q));
    }

    [Fact]
    public async Task Pop_waits_for_an_add()
    {
        var q = NewQueue();
        var pop = PopName(q);
        Assert.False(pop.IsCompleted);
        q.Add(Make.Pod("late"));
        Assert.Equal("late", await pop);
    }

    [Fact]
    public async Task Close_releases_a_waiting_pop()
    {
        var q = NewQueue();
        var pop = q.PopAsync(CancellationToken.None);
        q.Close();
        Assert.Null(await pop);
    }

    [Fact]
    public void Adding_the_same_pod_twice_keeps_one_entry()
    {
        var q = NewQueue();
        var pod = Make.Pod("p");
        q.Add(pod);
        q.Add(pod);
        Assert.Equal(1, q.ActiveCount);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    [InlineData(5, 10)]
    [InlineData(20, 10)]
    public void Backoff_doubles_from_1s_to_10s(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), NewQueue().BackoffDuration(attempts));

    [Fact]
    public async Task Unschedulable_pod_waits_for_a_cluster_event()
    {
        var q = NewQueue();
        q.Add(Make.Pod("p"));
        var item = await q.PopAsync(CancellationToken.None);
        q.AddUnschedulableIfNotPresent(item!);
        Assert.Equal(1, q.UnschedulableCount);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, q.FlushBackoffCompleted());
        q.MoveAllToActiveOrBackoffQueue();
        Assert.Equal(0, q.UnschedulableCount);
        Assert.Equal(1, q.ActiveCount); // backoff (1s) already over
    }

    [Fact]
    public async Task Event_during_backoff_moves_pod_to_backoff_then_active()
    {
        var q = NewQueue();
        q.Add(Make.Pod("p"));
        var item = await q.PopAsync(CancellationToken.None);
        q.AddUnschedulableIfNotPresent(item!);
        q.MoveAllToActiveOrBackoffQueue();
        Assert.Equal(1, q.BackoffCount);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(0, q.FlushBackoffCompleted());
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, q.FlushBackoffCompleted());
        Assert.Equal("p", await PopName(q));
    }

    [Fact]
    public async Task Event_during_the_scheduling_cycle_sends_failure_to_backoff()
    {
        var q = NewQueue();
        q.Add(Make.Pod("p"));
        var item = await q.PopAsync(CancellationToken.None);
        q.MoveAllToActiveOrBackoffQueue(); // e.g. a node was added while the pod was being scheduled
        q.AddUnschedulableIfNotPresent(item!);
        Assert.Equal(0, q.UnschedulableCount);
        Assert.Equal(1, q.BackoffCount);
    }

    [Fact]
    public async Task Backoff_grows_with_attempts()
    {
        var q = NewQueue();
        q.Add(Make.Pod("p"));
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var item = await q.PopAsync(CancellationToken.None);
            Assert.Equal(attempt, item!.Attempts);
            q.AddBackoff(item);
            var backoff = q.BackoffDuration(attempt);
            _time.Advance(backoff - TimeSpan.FromMilliseconds(1));
            Assert.Equal(0, q.FlushBackoffCompleted());
            _time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(1, q.FlushBackoffCompleted());
        }
    }

    [Fact]
    public async Task Long_unschedulable_pods_are_flushed_after_60s()
    {
        var q = NewQueue();
        q.Add(Make.Pod("p"));
        var item = await q.PopAsync(CancellationToken.None);
        q.AddUnschedulableIfNotPresent(item!);
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(0, q.FlushUnschedulableLeftover());
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, q.FlushUnschedulableLeftover());
        Assert.Equal(1, q.ActiveCount);
    }

    [Fact]
    public async Task Update_of_an_unschedulable_pod_retries_it()
    {
        var q = NewQueue();
        var pod = Make.Pod("p");
        q.Add(pod);
        var item = await q.PopAsync(CancellationToken.None);
        q.AddUnschedulableIfNotPresent(item!);
        _time.Advance(TimeSpan.FromSeconds(2));
        var updated = Make.Pod("p", cpu: "1");
        q.Update(updated);
        Assert.Equal(1, q.ActiveCount);
        var popped = await q.PopAsync(CancellationToken.None);
        Assert.Same(updated, popped!.Pod);
    }

    [Fact]
    public async Task Delete_removes_from_every_queue()
    {
        var q = NewQueue();
        var a = Make.Pod("a");
        var b = Make.Pod("b");
        var c = Make.Pod("c");
        q.Add(a);
        q.Add(b);
        q.Add(c);
        var first = await q.PopAsync(CancellationToken.None);
        var second = await q.PopAsync(CancellationToken.None);
        q.AddUnschedulableIfNotPresent(first!);
        q.AddBackoff(second!);
        q.Delete(a);
        q.Delete(b);
        q.Delete(c);
        Assert.Equal((0, 0, 0), (q.ActiveCount, q.BackoffCount, q.UnschedulableCount));
    }

    [Fact]
    public async Task Priority_change_reorders_the_active_queue()
    {
        var q = NewQueue();
        q.Add(Make.Pod("a"));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        q.Add(Make.Pod("b"));
        q.Update(Make.Pod("b", priority: 10));
        Assert.Equal("b", await PopName(q));
    }
}
