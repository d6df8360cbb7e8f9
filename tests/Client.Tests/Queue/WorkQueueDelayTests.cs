using Orchestrator.Client;
using static Orchestrator.Client.Tests.Queue.WorkQueueTests;

namespace Orchestrator.Client.Tests.Queue;

/// <summary>The work queue's delayed adds and per-key exponential backoff, on a fake clock.</summary>
public sealed class WorkQueueDelayTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Fact]
    public void AddAfter_AddsTheKeyExactlyWhenTheDelayHasPassed()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(time);

        queue.AddAfter("a", TimeSpan.FromSeconds(1));
        Assert.Equal(0, queue.Count);

        time.Advance(TimeSpan.FromSeconds(1) - Tick);
        Assert.Equal(0, queue.Count);

        time.Advance(Tick);
        Assert.Equal(1, queue.Count);
    }

    [Theory]
    [InlineData(10, 2)]
    [InlineData(2, 10)]
    public async Task AddAfter_TheEarliestPendingDelayWins_AndFiresOnce(int firstSeconds, int secondSeconds)
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(time);

        queue.AddAfter("a", TimeSpan.FromSeconds(firstSeconds));
        queue.AddAfter("a", TimeSpan.FromSeconds(secondSeconds));

        time.Advance(TimeSpan.FromSeconds(2) - Tick);
        Assert.Equal(0, queue.Count);
        time.Advance(Tick);
        Assert.Equal(1, queue.Count);

        Assert.Equal("a", await GetKeyAsync(queue));
        queue.Done("a");
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(0, queue.Count); // the later delay was dropped, not kept as a second add
    }

    [Fact]
    public void AddAfter_OfAKeyAlreadyQueued_DoesNotDuplicateIt()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(time);
        queue.Add("a");
        queue.AddAfter("a", TimeSpan.FromMilliseconds(100));

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void AddAfter_WithoutADelay_AddsAtOnce()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(time);

        queue.AddAfter("a", TimeSpan.Zero);
        queue.AddAfter("b", TimeSpan.FromSeconds(-1));

        Assert.Equal(2, queue.Count);
    }

    [Fact]
    public void AddAfter_DifferentKeys_FireInDueOrder()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(time);
        queue.AddAfter("late", TimeSpan.FromSeconds(3));
        queue.AddAfter("early", TimeSpan.FromSeconds(1));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Count);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, queue.Count);
    }

    [Fact]
    public async Task AddRateLimited_DelaysDoubleFromTheBase_UpToTheCap()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(time, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(30));
        int[] expectedMs = [5, 10, 20, 30, 30];

        for (var i = 0; i < expectedMs.Length; i++)
        {
            queue.AddRateLimited("a");
            Assert.Equal(i + 1, queue.NumRequeues("a"));

            time.Advance(TimeSpan.FromMilliseconds(expectedMs[i]) - Tick);
            Assert.Equal(0, queue.Count);
            time.Advance(Tick);
            Assert.Equal(1, queue.Count);

            Assert.Equal("a", await GetKeyAsync(queue));
            queue.Done("a");
        }
    }

    [Fact]
    public void AddRateLimited_DefaultsToFiveMillisecondsThenDoubles()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(time);

        queue.AddRateLimited("a");
        time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal(1, queue.Count);

        queue.AddRateLimited("b");
        queue.AddRateLimited("b");
        time.Advance(TimeSpan.FromMilliseconds(5)); // b's second failure is due at 10 ms, its first at 5 ms
        Assert.Equal(2, queue.Count);
    }

    [Fact]
    public void AddRateLimited_NeverOverflows_AfterManyFailures()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(time, TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));
        for (var i = 0; i < 200; i++)
        {
            queue.AddRateLimited("a");
        }

        Assert.Equal(200, queue.NumRequeues("a"));
        time.Advance(TimeSpan.FromSeconds(1000) - Tick);
        Assert.Equal(1, queue.Count); // the first failure's 5 ms delay won
    }

    [Fact]
    public async Task Forget_ResetsTheBackoff_ForThatKeyOnly()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(time, TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(10));
        for (var i = 0; i < 3; i++)
        {
            queue.AddRateLimited("a");
            queue.AddRateLimited("b");
        }

        time.Advance(TimeSpan.FromSeconds(1));
        queue.Done(await GetKeyAsync(queue));
        queue.Done(await GetKeyAsync(queue));

        queue.Forget("a");

        Assert.Equal(0, queue.NumRequeues("a"));
        Assert.Equal(3, queue.NumRequeues("b"));
        Assert.Equal(0, queue.NumRequeues("never-seen"));

        // After Forget the next delay is the base again; b keeps backing off (5 ms × 2^3).
        queue.AddRateLimited("a");
        queue.AddRateLimited("b");
        time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal(1, queue.Count);
        time.Advance(TimeSpan.FromMilliseconds(34));
        Assert.Equal(1, queue.Count);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, queue.Count);
    }
}
