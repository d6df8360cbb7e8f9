namespace Orchestrator.ApiServer.Authorization.Node;

/// <summary>
/// Keeps the <see cref="NodeGraph"/> current from the watch caches of pods and PersistentVolumes
/// (upstream's graph_populator.go on the API server's informers): a watch on each loads the cache's
/// objects once, then applies each change as it comes: a pod added, bound or deleted, a volume
/// added, changed or deleted. A pod change that keeps its node, uid and ephemeral containers changes
/// nothing the graph holds and is skipped. A watch the cache drops starts again from a fresh snapshot (<see cref="CacheFollower"/>).
/// </summary>
internal sealed class NodeGraphSource : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _watches;

    public NodeGraphSource(WatchCacheSet caches, ResourceRegistry registry)
    {
        var pods = caches.For(registry.Find("", "v1", "pods") ?? throw new InvalidOperationException("pods are not registered"));
        var volumes = caches.For(registry.Find("", "v1", "persistentvolumes") ?? throw new InvalidOperationException("persistentvolumes are not registered"));
        _watches =
        [
            Task.Run(() => CacheFollower.FollowAsync(pods, snapshot => Graph.ReplacePods(snapshot.Select(o => o.Object)), change => ApplyPod(Graph, change), _stop.Token)),
            Task.Run(() => CacheFollower.FollowAsync(volumes, snapshot => Graph.ReplaceVolumes(snapshot.Select(o => o.Object)), change => ApplyVolume(Graph, change), _stop.Token)),
        ];
    }

    public NodeGraph Graph { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_watches).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
        Graph.Dispose();
    }

    /// <summary>A pod event: whether it changes what the graph relates (upstream's updatePod / deletePod).</summary>
    internal static void ApplyPod(NodeGraph graph, CachedEvent change)
    {
        var pod = change.Object.Object;
        if (change.Type == "DELETED")
        {
            graph.DeletePod(Text(pod, "metadata", "namespace"), Text(pod, "metadata", "name"));
            return;
        }

        var nodeName = Text(pod, "spec", "nodeName");
        if (nodeName.Length == 0)
        {
            return;
        }

        if (change.Previous?.Object is { } previous && Text(previous, "spec", "nodeName") == nodeName
            && Text(previous, "metadata", "uid") == Text(pod, "metadata", "uid")
            && JsonNode.DeepEquals(previous["spec"]?["ephemeralContainers"], pod["spec"]?["ephemeralContainers"]))
        {
            // Everything else a pod references is immutable once it is bound.
            return;
        }

        graph.AddPod(pod);
    }

    internal static void ApplyVolume(NodeGraph graph, CachedEvent change)
    {
        if (change.Type == "DELETED")
        {
            graph.DeleteVolume(Text(change.Object.Object, "metadata", "name"));
        }
        else
        {
            graph.AddVolume(change.Object.Object);
        }
    }

    private static string Text(JsonObject obj, string section, string field) => JsonFields.Text(obj[section]?[field]) ?? "";
}
