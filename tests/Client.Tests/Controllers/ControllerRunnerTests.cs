using System.Collections.Concurrent;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Orchestrator.Client;
using Orchestrator.Testing;

namespace Orchestrator.Client.Tests.Controllers;

public sealed class ControllerRunnerTests
{
    private static readonly NamespacedName Key = new("ns", "a");

    /// <summary>A second key: with one worker, its reconcile shows that the worker has finished with what was queued before it.</summary>
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
    public async Task Watch_EnqueuesEveryEventAndWaitsForTheInformer()
    {
        var reconciler = new ScriptedReconciler(_ => ReconcileResult.Done);
        var runner = new ControllerRunner(reconciler, Context(TimeProvider.System));
        var synced = new TaskCompletionSource();
        IResourceEventHandler<V1Pod>? handler = null;
        var informer = Substitute.For<IInformer<V1Pod>>();
        informer.When(i => i.AddHandler(Arg.Any<IResourceEventHandler<V1Pod>>())).Do(call => handler = call.Arg<IResourceEventHandler<V1Pod>>());
        informer.WaitForSyncAsync(Arg.Any<CancellationToken>()).Returns(synced.Task);
        using var cts = new CancellationTokenSource();

        Assert.Same(informer, runner.Watch(informer));
        var run = runner.RunAsync(cts.Token);
        handler!.OnUpdate(Pod("ns", "old"), Pod("ns", "a"));
        await Task.Delay(100);
        Assert.Empty(reconciler.Calls);

        synced.SetResult();
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
        var failures = 0;
        var reconciler = new ScriptedReconciler((key, _) => key == Key && Interlocked.Increment(ref failures) <= 3 ? throw new InvalidOperationException("boom " + failures) : ReconcileResult.Done);
        var runner = new ControllerRunner(reconciler, Context(time), workers: 1);
        using var cts = new CancellationTokenSource();
        var run = runner.RunAsync([], cts.Token);

        runner.Enqueue(Key);
        foreach (var (failed, backoffMs) in new[] { (1, 5), (2, 10), (3, 20) })
        {
            await Eventually.TrueAsync(() => runner.Queue.NumRequeues(Key) == failed, $"failure {failed} is counted");
            time.Advance(TimeSpan.FromMilliseconds(backoffMs - 1));
            await DrainAsync(runner, reconciler);
            Assert.Equal(failed, reconciler.CallsOf(Key)); // not before its backoff
            time.Advance(TimeSpan.FromMilliseconds(1));
            await Eventually.TrueAsync(() => reconciler.CallsOf(Key) == failed + 1, $"reconcile {failed + 1} after the backoff");
        }

        await Eventually.TrueAsync(() => runner.Queue.NumRequeues(Key) == 0, "the success forgets the failures");
        time.Advance(TimeSpan.FromMinutes(10));
        await DrainAsync(runner, reconciler);
        Assert.Equal(4, reconciler.CallsOf(Key));

        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_MaxRetryDelay_CapsTheBackoffOfAKeyThatKeepsFailing()
    {
        var time = new FakeTimeProvider();
        var reconciler = new ScriptedReconciler((_, _) => throw new InvalidOperationException("still failing"));
        var runner = new ControllerRunner(reconciler, Context(time), workers: 1, maxRetryDelay: TimeSpan.FromMilliseconds(40));
        using var cts = new CancellationTokenSource();
        var run = runner.RunAsync([], cts.Token);

        runner.Enqueue(Key);
        // 5, 10, 20, 40, then 40 again (not 80): every failure after the fourth waits the cap.
        foreach (var (failed, backoffMs) in new[] { (1, 5), (2, 10), (3, 20), (4, 40), (5, 40), (6, 40) })
        {
            await Eventually.TrueAsync(() => runner.Queue.NumRequeues(Key) == failed, $"failure {failed} is counted");
            time.Advance(TimeSpan.FromMilliseconds(backoffMs));
            await Eventually.TrueAsync(() => reconciler.CallsOf(Key) == failed + 1, $"reconcile {failed + 1} after {backoffMs} ms");
        }

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
        var reconciler = new ScriptedReconciler((key, _) => key == Key ? throw new TerminalException("spec is invalid") : ReconcileResult.Done);
        var runner = new ControllerRunner(reconciler, Context(time), workers: 1);
        using var cts = new CancellationTokenSource();
        var run = runner.RunAsync([], cts.Token);

        runner.Enqueue(Key);
        await DrainAsync(runner, reconciler);
        time.Advance(TimeSpan.FromMinutes(30));
        await DrainAsync(runner, reconciler);

        Assert.Equal(1, reconciler.CallsOf(Key));
        Assert.Equal(0, runner.Queue.NumRequeues(Key));

        runner.Enqueue(Key); // a new change still gets a reconcile
        await Eventually.TrueAsync(() => reconciler.CallsOf(Key) == 2, "the new change is reconciled");
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
        await DrainAsync(runner, reconciler);
        time.Advance(TimeSpan.FromMilliseconds(299));
        await DrainAsync(runner, reconciler);
        Assert.Equal(1, reconciler.CallsOf(Key)); // not before the delay

        time.Advance(TimeSpan.FromMilliseconds(1));
        await Eventually.TrueAsync(() => reconciler.CallsOf(Key) == 2, "the requeue after 300 ms");
        time.Advance(TimeSpan.FromMinutes(10));
        await DrainAsync(runner, reconciler);
        Assert.Equal(2, reconciler.CallsOf(Key)); // Done ends the requeues

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

    private static V1Pod Pod(string ns, string name) => new() { Metadata = new V1ObjectMeta { NamespaceProperty = ns, Name = name } };

    private static ControllerContext Context(TimeProvider time)
    {
        var client = Substitute.For<IKubernetes>();
        return new ControllerContext(client, new InformerFactory(client, NullLoggerFactory.Instance, time), Substitute.For<IEventRecorder>(), NullLoggerFactory.Instance, time);
    }

    /// <summary>
    /// With one worker: enqueues <see cref="Marker"/> and waits for its reconcile, so every key queued
    /// before it has been processed and whatever its outcome armed (a backoff, a requeue) is armed.
    /// </summary>
    private static async Task DrainAsync(ControllerRunner runner, ScriptedReconciler reconciler)
    {
        var before = reconciler.CallsOf(Marker);
        runner.Enqueue(Marker);
        await Eventually.TrueAsync(() => reconciler.CallsOf(Marker) > before, "the marker key is reconciled");
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

        public int CallsOf(NamespacedName key) => Calls.Count(k => k == key);

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
