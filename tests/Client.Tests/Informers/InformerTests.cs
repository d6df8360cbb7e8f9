using System.Diagnostics;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Orchestrator.Client;
using Orchestrator.Testing;
using static Orchestrator.Client.Tests.Informers.ScriptedListWatch;

namespace Orchestrator.Client.Tests.Informers;

/// <summary>The informer's list/watch/relist logic against a scripted server.</summary>
public sealed class InformerTests
{
    [Fact]
    public async Task WatchGone_Relists_AndTurnsTheDifferenceIntoUpdatesAddsAndDeletes()
    {
        var server = new ScriptedListWatch();
        server.EnqueueList("10", Map("a", "1"), Map("b", "2"), Map("c", "3"));
        server.EnqueueList("20", Map("a", "1"), Map("b", "12"), Map("d", "13"));
        var (informer, handler, run, cts) = Start(server);

        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        server.Event(WatchEventType.Modified, Map("b", "11"));
        server.Fail(new KubernetesException(new V1Status { Code = 410, Reason = "Expired", Message = "too old resource version" }));

        var events = await handler.WaitForAsync(7);
        Assert.Equal(
            ["add ns/a@1", "add ns/b@2", "add ns/c@3", "update ns/b@2->11", "update ns/b@11->12", "add ns/d@13", "delete ns/c@3"],
            events);
        Assert.Equal(["ns/a@1", "ns/b@12", "ns/d@13"], informer.Cache.List().Select(Describe).Order());
        Assert.Null(informer.Cache.Get(new NamespacedName("ns", "c")));

        await Eventually.TrueAsync(() => server.WatchRequests.Count == 2, "server.WatchRequests.Count == 2");
        Assert.Equal(2, server.ListRequests.Count);
        Assert.Equal(["10", "20"], server.WatchRequests.Select(r => r.ResourceVersion));
        Assert.All(server.WatchRequests, r => Assert.True(r.Watch));
        Assert.Equal("20", informer.LastSyncResourceVersion);
        await StopAsync(run, cts);
    }

    [Fact]
    public async Task ListGone_RelistsAtOnce()
    {
        var server = new ScriptedListWatch();
        server.EnqueueList(_ => throw new HttpOperationException("gone") { Response = new HttpResponseMessageWrapper(new HttpResponseMessage(HttpStatusCode.Gone), string.Empty) });
        server.EnqueueList("5", Map("a", "5"));
        var (informer, _, run, cts) = Start(server); // fake time never advances: a backoff would hang

        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(2, server.ListRequests.Count);
        Assert.NotNull(informer.Cache.Get(new NamespacedName("ns", "a")));
        await StopAsync(run, cts);
    }

    [Fact]
    public async Task WatchEnd_ReWatchesFromTheLastEventOrBookmark_WithoutRelisting()
    {
        var server = new ScriptedListWatch();
        server.EnqueueList("10", Map("a", "1"));
        var (informer, handler, run, cts) = Start(server);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        server.Event(WatchEventType.Added, Map("e", "12"));
        server.Event(WatchEventType.Bookmark, new V1ConfigMap { Metadata = new V1ObjectMeta { ResourceVersion = "15" } });
        server.End();
        await Eventually.TrueAsync(() => server.WatchRequests.Count == 2, "server.WatchRequests.Count == 2");
        server.Event(WatchEventType.Deleted, Map("a", "16"));
        await handler.WaitForAsync(3);

        Assert.Equal(["10", "15"], server.WatchRequests.Select(r => r.ResourceVersion));
        Assert.Single(server.ListRequests);
        Assert.Equal(["add ns/a@1", "add ns/e@12", "delete ns/a@1"], handler.Events); // the delete carries the last known state
        Assert.Equal(["ns/e@12"], informer.Cache.List().Select(Describe));
        Assert.Equal("16", informer.LastSyncResourceVersion);
        await StopAsync(run, cts);
    }

    [Fact]
    public async Task WatchError_BacksOff_ThenReWatchesFromTheLastVersion()
    {
        var server = new ScriptedListWatch();
        server.EnqueueList("10", Map("a", "1"));
        var time = new FakeTimeProvider();
        var (informer, _, run, cts) = Start(server, time);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        server.Event(WatchEventType.Modified, Map("a", "11"));
        server.Fail(new KubernetesException(new V1Status { Code = 500, Message = "internal error" }));
        await Task.Delay(100);
        Assert.Single(server.WatchRequests); // waiting out the backoff

        await AdvanceUntilAsync(time, () => server.WatchRequests.Count == 2);

        Assert.Equal(["10", "11"], server.WatchRequests.Select(r => r.ResourceVersion));
        Assert.Single(server.ListRequests);
        await StopAsync(run, cts);
    }

    [Fact]
    public async Task ListFailure_IsRetriedWithBackoff_AndHasSyncedWaitsForASuccessfulList()
    {
        var server = new ScriptedListWatch();
        server.EnqueueList(_ => throw new HttpRequestException("connection refused"));
        server.EnqueueList("7", Map("a", "7"));
        var time = new FakeTimeProvider();
        var (informer, _, run, cts) = Start(server, time);

        await Eventually.TrueAsync(() => server.ListRequests.Count == 1, "server.ListRequests.Count == 1");
        await Task.Delay(50);
        Assert.False(informer.HasSynced);
        var waiting = informer.WaitForSyncAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        await AdvanceUntilAsync(time, () => informer.HasSynced);

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, server.ListRequests.Count);
        await StopAsync(run, cts);
    }

    [Fact]
    public async Task WaitForSyncAsync_ThrowsWhenCancelled()
    {
        var server = new ScriptedListWatch();
        var informer = new Informer<V1ConfigMap>(Substitute.For<IKubernetes>(), server.ListWatch, NullLogger.Instance);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => informer.WaitForSyncAsync(cts.Token));
        Assert.False(informer.HasSynced);
    }

    [Fact]
    public async Task List_FollowsContinueTokens_WithThePageSize_AsOneSnapshot()
    {
        var server = new ScriptedListWatch();
        var all = Enumerable.Range(0, 7).Select(i => Map($"m{i}", "3")).ToArray();
        for (var page = 0; page < 4; page++)
        {
            var start = page * 2;
            var isLast = page == 3;
            var next = $"token-{page + 1}";
            server.EnqueueList(r => new V1ConfigMapList
            {
                Metadata = new V1ListMeta { ResourceVersion = "3", ContinueProperty = isLast ? null : next },
                Items = [.. all.Skip(start).Take(r.Limit ?? 100)],
            });
        }

        var (informer, handler, run, cts) = Start(server, options: new InformerOptions { PageSize = 2 });
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal([null, "token-1", "token-2", "token-3"], server.ListRequests.Select(r => r.Continue));
        Assert.All(server.ListRequests, r => Assert.Equal(2, r.Limit));
        Assert.All(server.ListRequests, r => Assert.False(r.Watch));
        Assert.Equal(7, informer.Cache.List().Count);
        Assert.Equal(7, handler.Events.Count);
        await StopAsync(run, cts);
    }

    [Fact]
    public async Task Selectors_ArePassedToListAndWatch()
    {
        var server = new ScriptedListWatch();
        server.EnqueueList("1");
        var options = new InformerOptions { FieldSelector = "metadata.name=a", LabelSelector = "app=web" };
        var (informer, _, run, cts) = Start(server, options: options);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        await Eventually.TrueAsync(() => server.WatchRequests.Count == 1, "server.WatchRequests.Count == 1");

        Assert.All(server.ListRequests.Concat(server.WatchRequests), r =>
        {
            Assert.Equal("metadata.name=a", r.FieldSelector);
            Assert.Equal("app=web", r.LabelSelector);
        });
        await StopAsync(run, cts);
    }

    [Fact]
    public async Task Resync_RedeliversEveryCachedObjectAsAnUpdate()
    {
        var server = new ScriptedListWatch();
        server.EnqueueList("2", Map("a", "1"), Map("b", "2"));
        var time = new FakeTimeProvider();
        var (informer, handler, run, cts) = Start(server, time, new InformerOptions { ResyncPeriod = TimeSpan.FromMinutes(1) });
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        await Eventually.TrueAsync(() => server.WatchRequests.Count == 1, "server.WatchRequests.Count == 1");

        time.Advance(TimeSpan.FromMinutes(1));

        var events = await handler.WaitForAsync(4);
        Assert.Equal(["update ns/a@1->1", "update ns/b@2->2"], events.Skip(2).Order());
        await StopAsync(run, cts);
    }

    [Fact]
    public async Task AddHandler_AfterSync_ReplaysTheCacheAsAdds_ThenDeliversChanges()
    {
        var server = new ScriptedListWatch();
        server.EnqueueList("2", Map("a", "1"), Map("b", "2"));
        var (informer, _, run, cts) = Start(server);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        var late = new RecordingHandler<V1ConfigMap>();
        informer.AddHandler(late);
        Assert.Equal(["add ns/a@1", "add ns/b@2"], late.Events.Order());

        server.Event(WatchEventType.Added, Map("c", "3"));
        Assert.Equal("add ns/c@3", (await late.WaitForAsync(3))[2]);
        await StopAsync(run, cts);
    }

    [Fact]
    public async Task AThrowingHandler_DoesNotStopDeliveryToTheOthers()
    {
        var server = new ScriptedListWatch();
        server.EnqueueList("1");
        var (informer, handler, run, cts) = Start(server);
        informer.AddHandler(new ResourceEventHandler<V1ConfigMap>(_ => throw new InvalidOperationException("bad handler")));
        var after = new RecordingHandler<V1ConfigMap>();
        informer.AddHandler(after);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        server.Event(WatchEventType.Added, Map("a", "2"));
        server.Event(WatchEventType.Added, Map("b", "3"));

        Assert.Equal(["add ns/a@2", "add ns/b@3"], await after.WaitForAsync(2));
        Assert.Equal(["add ns/a@2", "add ns/b@3"], await handler.WaitForAsync(2));
        await StopAsync(run, cts);
    }

    private static (Informer<V1ConfigMap> Informer, RecordingHandler<V1ConfigMap> Handler, Task Run, CancellationTokenSource Cts) Start(
        ScriptedListWatch server, TimeProvider? time = null, InformerOptions? options = null)
    {
        var informer = new Informer<V1ConfigMap>(Substitute.For<IKubernetes>(), server.ListWatch, NullLogger.Instance, time ?? new FakeTimeProvider(), options);
        var handler = new RecordingHandler<V1ConfigMap>();
        informer.AddHandler(handler);
        var cts = new CancellationTokenSource();
        var run = Task.Run(() => informer.RunAsync(cts.Token));
        return (informer, handler, run, cts);
    }

    private static async Task StopAsync(Task run, CancellationTokenSource cts)
    {
        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
        cts.Dispose();
    }

    private static string Describe(V1ConfigMap map) => $"{map.Metadata.NamespaceProperty}/{map.Metadata.Name}@{map.Metadata.ResourceVersion}";

    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "condition not reached in time");
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(5);
        }
    }
}
