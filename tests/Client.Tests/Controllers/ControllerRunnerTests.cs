using System.Collections.Concurrent;
using System.Net;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Orchestrator.Client;
using Orchestrator.Testing;

namespace Orchestrator.Client.Tests.Controllers;

public sealed class ControllerRunnerTests
{
    private static readonly NamespacedName Key = new("ns", "a");

    /// <summary>A second key: with one worker, its reconcile shows that the worker has finished with <see cref="Key"/>.</summary>
    private static readonly NamespacedName Marker = new("ns", "marker");

    [Fact]
    public async Task Workers_StartOnlyAfterEverySyncTaskCompleted()
    {
        var reconciler = new ScriptedReconciler(_ => ReconcileResult.Done);
        var runner = new ControllerRunner(reconciler, Context(TimeProvider.System));
        var podsSynced = new TaskCompletionSource();
        var nodesSynced = new TaskCompletionSource();
        runner.Enqueue(Key);
        using var cts = new CancellationTokenSource();

        var run = runner.RunAsync([_ => podsSynced.Task, _ => nodesSynced.Task], cts.Token);
        await Task.Delay(100);
        Assert.Empty(reconciler.Calls);

        podsSynced.SetResult();
        await Task.Delay(100);
        Assert.Empty(reconciler.Calls);

        nodesSynced.SetResult();
        await reconciler.WaitForCallsAsync(1);
        Assert.Equal([Key], reconciler.Calls);

        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task RunAsync_CancelledBeforeSync_ReturnsWithoutReconciling()
    {
        var reconciler = new ScriptedReconciler(_ => ReconcileResult.Done);
        var runner = new ControllerRunner(reconciler, Context(TimeProvider.System));
        runner.Enqueue(Key);
        using var cts = new CancellationTokenSource();

        var run = runner.RunAsync([ct => Task.Delay(Timeout.Infinite, ct)], cts.Token);
        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Empty(reconciler.Calls);
        Assert.True(runner.Queue.IsShutDown);
    }

    [Fact]
    public async Task Exceptions_AreRequeuedWithExponentialBackoff_AndSuccessForgetsTheFailures()
    {
        var time = new FakeTimeProvider();
        var reconciler = new ScriptedReconciler(n => n <= 3 ? throw new InvalidOperationException("boom " + n) : ReconcileResult.Done);
        var runner = new ControllerRunner(reconciler, Context(time));
        using var cts = new CancellationTokenSource();
        var run = runner.RunAsync([], cts.Token);

        runner.Enqueue(Key);
        foreach (var (failures, backoffMs) in new[] { (1, 5), (2, 10), (3, 20) })
        {
            await Eventually.TrueAsync(() => runner.Queue.NumRequeues(Key) == failures, $"failure {failures} is counted");
            time.Advance(TimeSpan.FromMilliseconds(backoffMs - 1));
            Assert.Equal(0, runner.Queue.Count); // not before its backoff: the fake clock fires due timers inside Advance
            Assert.Equal(failures, reconciler.Calls.Count);
            time.Advance(TimeSpan.FromMilliseconds(1));
            await reconciler.WaitForCallsAsync(failures + 1);
        }

        await Eventually.TrueAsync(() => runner.Queue.NumRequeues(Key) == 0, "the success forgets the failures");
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, runner.Queue.Count); // no requeue is armed
        Assert.Equal(4, reconciler.Calls.Count);

        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Conflicts_AreRequeuedWithBackoff()
    {
        var reconciler = new ScriptedReconciler(n => n == 1
            ? throw new HttpOperationException("conflict") { Response = new HttpResponseMessageWrapper(new HttpResponseMessage(HttpStatusCode.Conflict), string.Empty) }
            : ReconcileResult.Done);
        var runner = new ControllerRunner(reconciler, Context(TimeProvider.System));
        using var cts = new CancellationTokenSource();
        var run = runner.RunAsync([], cts.Token);

        runner.Enqueue(Key);
        await reconciler.WaitForCallsAsync(2);

        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task TerminalException_IsNotRetried()
    {
        var time = new FakeTimeProvider();
        var reconciler = new ScriptedReconciler((int _) => throw new TerminalException("spec is invalid"));
        var runner = new ControllerRunner(reconciler, Context(time), workers: 1);
        using var cts = new CancellationTokenSource();
        var run = runner.RunAsync([], cts.Token);

        runner.Enqueue(Key);
        await reconciler.WaitForCallsAsync(1);
        runner.Enqueue(Marker); // the only worker takes it once it has finished with Key
        await reconciler.WaitForCallsAsync(2);
        time.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(0, runner.Queue.Count); // no retry was armed
        Assert.Equal([Key, Marker], reconciler.Calls);
        Assert.Equal(0, runner.Queue.NumRequeues(Key));

        runner.Enqueue(Key); // a new change still gets a reconcile
        await reconciler.WaitForCallsAsync(3);
        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task RequeueAfter_ReconcilesAgainAfterTheDelay()
    {
        var time = new FakeTimeProvider();
        var reconciler = new ScriptedReconciler((key, n) => key == Key && n == 1 ? ReconcileResult.After(TimeSpan.FromMilliseconds(300)) : ReconcileResult.Done);
        var runner = new ControllerRunner(reconciler, Context(time), workers: 1);
        using var cts = new CancellationTokenSource();
        var run = runner.RunAsync([], cts.Token);

        runner.Enqueue(Key);
        await reconciler.WaitForCallsAsync(1);
        runner.Enqueue(Marker); // the only worker takes it once it has finished with Key: the requeue is armed
        await reconciler.WaitForCallsAsync(2);
        time.Advance(TimeSpan.FromMilliseconds(299));
        Assert.Equal(0, runner.Queue.Count); // not before the delay
        time.Advance(TimeSpan.FromMilliseconds(1));
        await reconciler.WaitForCallsAsync(3);
        Assert.Equal([Key, Marker, Key], reconciler.Calls);

        runner.Enqueue(Marker); // again: the worker has finished the second pass of Key
        await reconciler.WaitForCallsAsync(4);
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, runner.Queue.Count); // Done ends the requeues
        Assert.Equal(2, reconciler.Calls.Count(k => k == Key));

        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task TheSameKey_IsNeverReconciledConcurrently_ButDifferentKeysAre()
    {
        var inFlight = new ConcurrentDictionary<NamespacedName, bool>();
        var overlaps = 0;
        var maxParallel = 0;
        var parallel = 0;
        var reconciler = new ScriptedReconciler(async key =>
        {
            if (!inFlight.TryAdd(key, true))
            {
                Interlocked.Increment(ref overlaps);
            }

            var now = Interlocked.Increment(ref parallel);
            InterlockedMax(ref maxParallel, now);
            await Task.Delay(2);
            Interlocked.Decrement(ref parallel);
            inFlight.TryRemove(key, out _);
            return ReconcileResult.Done;
        });
        var runner = new ControllerRunner(reconciler, Context(TimeProvider.System), workers: 4);
        using var cts = new CancellationTokenSource();
        var run = runner.RunAsync([], cts.Token);

        var keys = Enumerable.Range(0, 6).Select(i => new NamespacedName("ns", "k" + i)).ToArray();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(p => Task.Run(async () =>
        {
            for (var i = 0; i < 300; i++)
            {
                runner.Enqueue(keys[(i + p) % keys.Length]);
                if (i % 20 == 0)
                {
                    await Task.Delay(1);
                }
            }
        })));
        await Eventually.TrueAsync(() => runner.Queue.Count == 0 && Volatile.Read(ref parallel) == 0, "every key is reconciled");

        Assert.Equal(0, overlaps);
        Assert.True(maxParallel > 1, "different keys should be reconciled in parallel by the workers");
        Assert.Equal(keys.ToHashSet(), reconciler.Calls.ToHashSet());

        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Enqueue_OfAnObject_UsesItsNamespaceAndName()
    {
        var reconciler = new ScriptedReconciler(_ => ReconcileResult.Done);
        var runner = new ControllerRunner(reconciler, Context(TimeProvider.System));
        using var cts = new CancellationTokenSource();
        var run = runner.RunAsync([], cts.Token);

        runner.Enqueue(new k8s.Models.V1Pod { Metadata = new k8s.Models.V1ObjectMeta { Name = "p", NamespaceProperty = "team" } });
        runner.Enqueue(new k8s.Models.V1Node { Metadata = new k8s.Models.V1ObjectMeta { Name = "node-1" } });
        await reconciler.WaitForCallsAsync(2);

        Assert.Equal(new HashSet<NamespacedName> { new("team", "p"), new(string.Empty, "node-1") }, reconciler.Calls.ToHashSet());
        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
    }

    private static ControllerContext Context(TimeProvider time)
    {
        var client = Substitute.For<IKubernetes>();
        return new ControllerContext(client, new InformerFactory(client, NullLoggerFactory.Instance, time), Substitute.For<IEventRecorder>(), NullLoggerFactory.Instance, time);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    /// <summary>A reconciler whose n-th call (1-based) returns or throws what the script says.</summary>
    private sealed class ScriptedReconciler : IReconciler
    {
        private readonly Func<NamespacedName, int, Task<ReconcileResult>> _script;
        private readonly Lock _lock = new();
        private readonly List<NamespacedName> _calls = [];

        public ScriptedReconciler(Func<int, ReconcileResult> script) => _script = (_, n) => Task.FromResult(script(n));

        public ScriptedReconciler(Func<NamespacedName, int, ReconcileResult> script) => _script = (key, n) => Task.FromResult(script(key, n));

        public ScriptedReconciler(Func<NamespacedName, Task<ReconcileResult>> script) => _script = (key, _) => script(key);

        public string Name => "test";

        public IReadOnlyList<NamespacedName> Calls
        {
            get
            {
                lock (_lock)
                {
                    return [.. _calls];
                }
            }
        }

        public Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
        {
            int n;
            lock (_lock)
            {
                _calls.Add(key);
                n = _calls.Count;
            }

            return _script(key, n);
        }

        public Task WaitForCallsAsync(int count) => Eventually.TrueAsync(() => Calls.Count >= count, $"{count} reconciles");
    }
}
