using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Client;
using Orchestrator.Testing;

namespace Orchestrator.Client.Tests.Informers;

/// <summary>Informers, the factory and the indexed cache against a real API server.</summary>
public sealed class InformerIntegrationTests(ApiServerFixture server) : IClassFixture<ApiServerFixture>
{
    private readonly IKubernetes _client = server.Client;

    [Fact]
    public async Task ListsExistingObjects_ThenWatches_CreateUpdateDeleteInOrder()
    {
        var ns = await server.NewNamespaceAsync("watch");
        await CreateMapAsync(ns, "cm1");
        await CreateMapAsync(ns, "cm2");
        await using var factory = new InformerFactory(server.Api.CreateClient(), NullLoggerFactory.Instance);
        var informer = factory.ConfigMaps();
        var handler = new RecordingHandler<V1ConfigMap>();
        informer.AddHandler(new ResourceEventHandler<V1ConfigMap>(
            o => Only(ns, o, handler.OnAdd),
            (o, n) => Only(ns, n, n => handler.OnUpdate(o, n)),
            o => Only(ns, o, handler.OnDelete)));

        await factory.StartAsync(CancellationToken.None);
        await factory.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(informer.HasSynced);
        Assert.Equal(["cm1", "cm2"], informer.Cache.ListNamespace(ns).Select(m => m.Metadata.Name).Order());

        await CreateMapAsync(ns, "cm3");
        var cm1 = await _client.CoreV1.ReadNamespacedConfigMapAsync("cm1", ns);
        cm1.Data = new Dictionary<string, string> { ["k"] = "v2" };
        var updated = await _client.CoreV1.ReplaceNamespacedConfigMapAsync(cm1, "cm1", ns);
        await _client.CoreV1.DeleteNamespacedConfigMapAsync("cm2", ns);

        await handler.WaitForAsync(5);
        Assert.Equal([$"add {ns}/cm1", $"add {ns}/cm2", $"add {ns}/cm3", $"update {ns}/cm1", $"delete {ns}/cm2"], handler.Kinds);
        Assert.Equal(["cm1", "cm3"], informer.Cache.ListNamespace(ns).Select(m => m.Metadata.Name).Order());
        var cached = informer.Cache.Get(new NamespacedName(ns, "cm1"));
        Assert.NotNull(cached);
        Assert.Equal(updated.Metadata.ResourceVersion, cached.Metadata.ResourceVersion);
        Assert.Equal("v2", cached.Data["k"]);
        Assert.Null(informer.Cache.Get(new NamespacedName(ns, "cm2")));
    }

    [Fact]
    public async Task List_OverManyPages_FillsTheCache_ThenWatches()
    {
        const int Count = 510;
        var ns = await server.NewNamespaceAsync("paging");
        for (var batch = 0; batch < Count; batch += 30)
        {
            await Task.WhenAll(Enumerable.Range(batch, Math.Min(30, Count - batch)).Select(i => CreateMapAsync(ns, $"cm-{i:D3}")));
        }

        var pages = new List<ListWatchRequest>();
        var listWatch = ListWatch<V1ConfigMap>.Create<V1ConfigMapList>(
            (c, r, ct) =>
            {
                lock (pages)
                {
                    pages.Add(r);
                }

                return c.CoreV1.ListNamespacedConfigMapAsync(ns, continueParameter: r.Continue, limit: r.Limit, cancellationToken: ct);
            },
            (c, r, onError, ct) => c.CoreV1.WatchListNamespacedConfigMapAsync(ns, allowWatchBookmarks: true, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));
        var informer = new Informer<V1ConfigMap>(server.Api.CreateClient(), listWatch, NullLogger.Instance, options: new InformerOptions { PageSize = 100 });
        using var cts = new CancellationTokenSource();
        var run = Task.Run(() => informer.RunAsync(cts.Token));

        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(Count, informer.Cache.List().Count);
        lock (pages)
        {
            Assert.Equal(6, pages.Count);
            Assert.Null(pages[0].Continue);
            Assert.All(pages.Skip(1), p => Assert.False(string.IsNullOrEmpty(p.Continue)));
            Assert.All(pages, p => Assert.Equal(100, p.Limit));
        }

        await CreateMapAsync(ns, "after-list");
        await Eventually.TrueAsync(() => informer.Cache.List().Count == Count + 1, "the watch delivers the new map");

        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Indexes_FilePodsByNode_Namespace_AndOwner_AndFollowChanges()
    {
        var ns = await server.NewNamespaceAsync("index");
        var (n1, n2) = ($"{ns}-node-1", $"{ns}-node-2");
        await CreatePodAsync(ns, "p1", n1, "owner-a");
        await CreatePodAsync(ns, "p2", n1, null);
        await CreatePodAsync(ns, "p3", n2, "owner-a", "owner-b");
        await CreatePodAsync(ns, "p4", null, null);
        await using var factory = new InformerFactory(server.Api.CreateClient(), NullLoggerFactory.Instance);
        var pods = factory.Pods();
        await factory.StartAsync(CancellationToken.None);
        await pods.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var cache = pods.Cache;

        Assert.Equal(["p1", "p2"], Names(cache.ByIndex(Indexes.NodeName, n1)));
        Assert.Equal(["p3"], Names(cache.ByIndex(Indexes.NodeName, n2)));
        Assert.Equal(["p4"], Names(cache.ByIndex(Indexes.NodeName, string.Empty).Where(p => p.Metadata.NamespaceProperty == ns)));
        Assert.Equal(["p1", "p2", "p3", "p4"], Names(cache.ByIndex(Indexes.Namespace, ns)));
        Assert.Equal(["p1", "p2", "p3", "p4"], Names(cache.ListNamespace(ns)));
        Assert.Equal(["p1", "p3"], Names(cache.ByIndex(Indexes.OwnerUid, ns + "-owner-a")));
        Assert.Equal(["p3"], Names(cache.ByIndex(Indexes.OwnerUid, ns + "-owner-b")));
        Assert.Empty(cache.ByIndex(Indexes.NodeName, "no-such-node"));
        Assert.Empty(cache.ByIndex("no-such-index", "x"));

        await _client.CoreV1.CreateNamespacedPodBindingAsync(
            new V1Binding { Metadata = new V1ObjectMeta { Name = "p4" }, Target = new V1ObjectReference { Kind = "Node", Name = n2 } }, "p4", ns);
        await _client.CoreV1.PatchNamespacedPodAsync(new V1Patch("""{"metadata":{"ownerReferences":null}}""", V1Patch.PatchType.MergePatch), "p3", ns);
        await _client.CoreV1.DeleteNamespacedPodAsync("p2", ns, gracePeriodSeconds: 0);

        await Eventually.TrueAsync(
            () => Names(cache.ByIndex(Indexes.NodeName, n2)).SequenceEqual(["p3", "p4"])
                && Names(cache.ByIndex(Indexes.OwnerUid, ns + "-owner-a")).SequenceEqual(["p1"])
                && Names(cache.ByIndex(Indexes.NodeName, n1)).SequenceEqual(["p1"]),
            "the indexes follow the binding, the owner patch and the delete");
        Assert.Empty(cache.ByIndex(Indexes.OwnerUid, ns + "-owner-b"));
        Assert.DoesNotContain(cache.ByIndex(Indexes.NodeName, string.Empty), p => p.Metadata.NamespaceProperty == ns);
        Assert.Equal(["p1", "p3", "p4"], Names(cache.ListNamespace(ns)));
    }

    [Fact]
    public async Task FieldSelector_KeepsOnlyMatchingObjects_AcrossListAndWatch()
    {
        var ns = await server.NewNamespaceAsync("fields");
        var (n1, n2) = ($"{ns}-node-1", $"{ns}-node-2");
        await CreatePodAsync(ns, "on-1", n1, null);
        await CreatePodAsync(ns, "on-2", n2, null);
        var informer = new Informer<V1Pod>(
            server.Api.CreateClient(), ListWatches.Pods, NullLogger.Instance, options: new InformerOptions { FieldSelector = "spec.nodeName=" + n1 });
        var handler = new RecordingHandler<V1Pod>();
        informer.AddHandler(handler);
        using var cts = new CancellationTokenSource();
        var run = Task.Run(() => informer.RunAsync(cts.Token));
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["on-1"], Names(informer.Cache.List()));
        await CreatePodAsync(ns, "also-on-2", n2, null);
        await CreatePodAsync(ns, "also-on-1", n1, null);

        await handler.WaitForAsync(2);
        await Task.Delay(200);
        Assert.Equal([$"add {ns}/on-1", $"add {ns}/also-on-1"], handler.Kinds);
        Assert.Equal(["also-on-1", "on-1"], Names(informer.Cache.List()));

        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Factory_SharesOneInformerPerType_StartsLateOnesAtOnce_AndStopsCleanly()
    {
        var ns = await server.NewNamespaceAsync("factory");
        await CreateMapAsync(ns, "cm");
        using var cts = new CancellationTokenSource();
        var factory = new InformerFactory(server.Api.CreateClient(), NullLoggerFactory.Instance);
        var maps = factory.ConfigMaps();
        Assert.Same(maps, factory.ConfigMaps());
        Assert.False(maps.HasSynced);

        await factory.StartAsync(cts.Token);
        await factory.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(maps.HasSynced);
        Assert.NotNull(maps.Cache.Get(new NamespacedName(ns, "cm")));

        var namespaces = factory.Namespaces(); // asked for after the start: runs at once
        await namespaces.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(namespaces.Cache.Get(new NamespacedName(string.Empty, ns)));
        Assert.NotNull(namespaces.Cache.Get(new NamespacedName(string.Empty, "kube-system")));

        var late = new RecordingHandler<V1ConfigMap>();
        maps.AddHandler(late); // after the sync: replayed
        Assert.Contains($"add {ns}/cm", late.Kinds);

        await factory.DisposeAsync();
        await factory.DisposeAsync();
        await cts.CancelAsync(); // the caller's token outliving the factory must not throw
    }

    [Fact]
    public async Task WatchFromAnExpiredVersion_Relists()
    {
        var ns = await server.NewNamespaceAsync("expired");
        await CreateMapAsync(ns, "before");
        var lists = 0;
        var listWatch = ListWatch<V1ConfigMap>.Create<V1ConfigMapList>(
            async (c, r, ct) =>
            {
                var list = await c.CoreV1.ListNamespacedConfigMapAsync(ns, continueParameter: r.Continue, limit: r.Limit, cancellationToken: ct);
                if (Interlocked.Increment(ref lists) == 1)
                {
                    list.Metadata.ResourceVersion = "1"; // as if the informer had been away for ages
                }

                return list;
            },
            (c, r, onError, ct) => c.CoreV1.WatchListNamespacedConfigMapAsync(ns, allowWatchBookmarks: true, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));
        var informer = new Informer<V1ConfigMap>(server.Api.CreateClient(), listWatch, NullLogger.Instance);
        using var cts = new CancellationTokenSource();
        var run = Task.Run(() => informer.RunAsync(cts.Token));

        await Eventually.TrueAsync(() => Volatile.Read(ref lists) >= 2, "the informer relists after 410 Expired");
        await CreateMapAsync(ns, "after");
        await Eventually.TrueAsync(() => informer.Cache.Get(new NamespacedName(ns, "after")) is not null, "the new watch delivers");
        Assert.NotNull(informer.Cache.Get(new NamespacedName(ns, "before")));

        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
    }

    private static void Only<T>(string ns, T obj, Action<T> then)
        where T : IMetadata<V1ObjectMeta>
    {
        if (obj.Metadata.NamespaceProperty == ns)
        {
            then(obj);
        }
    }

    private static IEnumerable<string> Names<T>(IEnumerable<T> objects)
        where T : IMetadata<V1ObjectMeta> => objects.Select(o => o.Metadata.Name).Order(StringComparer.Ordinal);

    private Task<V1ConfigMap> CreateMapAsync(string ns, string name) =>
        _client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name }, Data = new Dictionary<string, string> { ["k"] = "v" } }, ns);

    private Task<V1Pod> CreatePodAsync(string ns, string name, string? node, params string[]? owners) =>
        _client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod
            {
                Metadata = new V1ObjectMeta
                {
                    Name = name,
                    OwnerReferences = owners?.Select(o => new V1OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = o, Uid = ns + "-" + o }).ToList(),
                },
                Spec = new V1PodSpec { NodeName = node, Containers = [new V1Container { Name = "c", Image = "busybox" }] },
            },
            ns);
}
