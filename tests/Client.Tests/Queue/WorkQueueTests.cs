using System.Collections.Concurrent;
using Orchestrator.Client;

namespace Orchestrator.Client.Tests.Queue;

public sealed class WorkQueueTests
{
    [Fact]
    public async Task Add_KeepsAPendingKeyOnce_AndHandsKeysOutInOrder()
    {
        using var queue = new WorkQueue<string>();
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");
        queue.Add("c");
        queue.Add("b");

        Assert.Equal(3, queue.Count);
        Assert.Equal("a", await GetKeyAsync(queue));
        Assert.Equal("b", await GetKeyAsync(queue));
        Assert.Equal("c", await GetKeyAsync(queue));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Add_WhileProcessing_IsHeldBack_ThenGivesExactlyOneMorePassAfterDone()
    {
        using var queue = new WorkQueue<string>();
        queue.Add("a");
        Assert.Equal("a", await GetKeyAsync(queue));

        queue.Add("a");
        queue.Add("a");
        queue.Add("a");
        Assert.Equal(0, queue.Count); // not handed to a second worker while the first holds it

        var second = queue.GetAsync(CancellationToken.None);
        Assert.False(second.IsCompleted);

        queue.Done("a");
        var (ok, key) = await second.AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(ok);
        Assert.Equal("a", key);
        queue.Done("a");

        Assert.Equal(0, queue.Count);
        var third = queue.GetAsync(CancellationToken.None);
        Assert.False(third.IsCompleted); // exactly one more pass, not three
        queue.ShutDown();
        Assert.False((await third).Ok);
    }

    [Fact]
    public async Task Done_WithoutReAdd_DoesNotQueueTheKeyAgain()
    {
        using var queue = new WorkQueue<string>();
        queue.Add("a");
        await GetKeyAsync(queue);
        queue.Done("a");

        Assert.Equal(0, queue.Count);
        queue.Add("a");
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task Add_HandsAKeyStraightToAWaitingGetter()
    {
        using var queue = new WorkQueue<string>();
        var waiting = queue.GetAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        queue.Add("a");
        var (ok, key) = await waiting.AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(ok);
        Assert.Equal("a", key);
        queue.Add("a"); // it is being processed now: held back
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task ManyWorkersAndProducers_NeverProcessAKeyTwiceAtOnce_AndNeverLoseAnAdd()
    {
        const int Keys = 40;
        const int Producers = 4;
        const int AddsPerProducer = 2_000;
        using var queue = new WorkQueue<int>();
        var inFlight = new ConcurrentDictionary<int, bool>();
        var lastAdd = new long[Keys];
        var lastStart = new long[Keys];
        long clock = 0;
        var overlaps = 0;
        var passes = 0;

        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var (ok, key) = await queue.GetAsync(CancellationToken.None);
                if (!ok)
                {
                    return;
                }

                if (!inFlight.TryAdd(key, true))
                {
                    Interlocked.Increment(ref overlaps);
                }

                Volatile.Write(ref lastStart[key], Interlocked.Increment(ref clock));
                Interlocked.Increment(ref passes);
                if (key % 3 == 0)
                {
                    await Task.Yield();
                }

                inFlight.TryRemove(key, out var _);
                queue.Done(key);
            }
        })).ToArray();

        var producers = Enumerable.Range(0, Producers).Select(p => Task.Run(() =>
        {
            var random = new Random(p);
            for (var i = 0; i < AddsPerProducer; i++)
            {
                var key = random.Next(Keys);
                var stamp = Interlocked.Increment(ref clock);
                InterlockedMax(ref lastAdd[key], stamp);
                queue.Add(key);
            }
        })).ToArray();
        await Task.WhenAll(producers);

        // Every key's last add must be followed by a pass that started after it (a re-add while
        // processing is never lost).
        var settled = SpinWait.SpinUntil(
            () => Enumerable.Range(0, Keys).All(k => Volatile.Read(ref lastAdd[k]) == 0 || Volatile.Read(ref lastStart[k]) > Volatile.Read(ref lastAdd[k])),
            TimeSpan.FromSeconds(10));
        queue.ShutDown();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(settled, "some key's last add was never processed");
        Assert.Equal(0, overlaps);
        Assert.True(passes < Producers * AddsPerProducer, "pending keys should be deduplicated");
    }

    [Fact]
    public async Task ShutDown_WakesEveryWaitingGetter_WithOkFalse()
    {
        using var queue = new WorkQueue<string>();
        var getters = Enumerable.Range(0, 3).Select(_ => queue.GetAsync(CancellationToken.None).AsTask()).ToArray();
        Assert.All(getters, g => Assert.False(g.IsCompleted));

        queue.ShutDown();
        var results = await Task.WhenAll(getters).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.All(results, r => Assert.False(r.Ok));
        Assert.True(queue.IsShutDown);
        Assert.False((await queue.GetAsync(CancellationToken.None)).Ok);
    }

    [Fact]
    public void ShutDown_IgnoresLaterAdds_AndCancelsDelayedOnes()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(time);
        queue.AddAfter("delayed", TimeSpan.FromSeconds(1));

        queue.ShutDown();
        queue.Add("a");
        queue.AddAfter("b", TimeSpan.FromSeconds(1));
        queue.AddRateLimited("c");
        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task GetAsync_Cancelled_ThrowsAndLosesNoKey()
    {
        using var queue = new WorkQueue<string>();
        using var cts = new CancellationTokenSource();
        var waiting = queue.GetAsync(cts.Token).AsTask();

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        queue.Add("a");
        Assert.Equal(1, queue.Count); // not handed to the getter that left
        Assert.Equal("a", await GetKeyAsync(queue));
    }

    [Fact]
    public async Task GetAsync_CancelledWhileKeysArrive_NeverStrandsAKey()
    {
        using var queue = new WorkQueue<string>();
        for (var i = 0; i < 500; i++)
        {
            using var cts = new CancellationTokenSource();
            var getter = queue.GetAsync(cts.Token).AsTask();
            var cancel = Task.Run(cts.Cancel);
            var add = Task.Run(() =>
            {
                queue.Add("k");
                queue.Add("k"); // a re-add racing with the hand-over
            });
            await Task.WhenAll(cancel, add);

            try
            {
                var (ok, key) = await getter;
                Assert.True(ok);
                queue.Done(key);
            }
            catch (OperationCanceledException)
            {
                // the getter left; the key must still be in the queue
            }

            // Whatever happened, "k" is obtainable now and nothing else is pending afterwards.
            queue.Add("k");
            Assert.Equal("k", await GetKeyAsync(queue));
            queue.Done("k");
            Assert.Equal(0, queue.Count);
        }
    }

    [Fact]
    public async Task GetAsync_CancelledJustAfterAHandOver_GivesTheKeyBack_IncludingAReAdd()
    {
        using var queue = new WorkQueue<string>();
        for (var i = 0; i < 200; i++)
        {
            using var cts = new CancellationTokenSource();
            var getter = queue.GetAsync(cts.Token).AsTask();

            // All on this thread, before the getter's continuation can run: the key is handed over,
            // re-added while "processing", and then the getter leaves.
            queue.Add("k");
            queue.Add("k");
            cts.Cancel();

            try
            {
                var (ok, key) = await getter;
                Assert.True(ok);
                queue.Done(key); // requeues the re-add
            }
            catch (OperationCanceledException)
            {
                // given back
            }

            Assert.Equal(1, queue.Count);
            Assert.Equal("k", await GetKeyAsync(queue));
            queue.Done("k");
            Assert.Equal(0, queue.Count);
        }
    }

    internal static async Task<T> GetKeyAsync<T>(WorkQueue<T> queue)
        where T : notnull
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var (ok, key) = await queue.GetAsync(timeout.Token);
        Assert.True(ok);
        return key;
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (current < value)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
