using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Authorization.Node;
using Orchestrator.ApiServer.Caching;
using static Orchestrator.ApiServer.Tests.Authorization.Node.NodeTestObjects;

namespace Orchestrator.ApiServer.Tests.Authorization.Node;

public sealed class NodeGraphSourceTests : IDisposable
{
    private readonly NodeGraph _graph = new();

    [Fact]
    public void A_pod_is_related_once_it_is_bound_and_forgotten_when_deleted()
    {
        var pending = Pod("team", "p", null, """ "volumes":[{"name":"s","secret":{"secretName":"s1"}}]""");
        var bound = Pod("team", "p", "a", """ "volumes":[{"name":"s","secret":{"secretName":"s1"}}]""");

        NodeGraphSource.ApplyPod(_graph, Event("ADDED", pending, null));
        Assert.False(_graph.Contains(VertexKind.Pod, "team", "p"));

        NodeGraphSource.ApplyPod(_graph, Event("MODIFIED", bound, pending));
        Assert.True(_graph.HasPathFrom("a", VertexKind.Secret, "team", "s1"));

        NodeGraphSource.ApplyPod(_graph, Event("DELETED", bound, bound));
        Assert.False(_graph.HasPathFrom("a", VertexKind.Secret, "team", "s1"));
        Assert.False(_graph.Contains(VertexKind.Pod, "team", "p"));
    }

    [Fact]
    public void A_status_change_of_a_bound_pod_is_skipped_and_an_added_ephemeral_container_is_not()
    {
        var bound = Pod("team", "p", "a", """ "volumes":[{"name":"s","secret":{"secretName":"s1"}}]""");
        NodeGraphSource.ApplyPod(_graph, Event("ADDED", bound, null));

        // Same node and uid: nothing the graph holds can have changed, so the event is not applied.
        var relabelled = bound.DeepClone().AsObject();
        relabelled["spec"]!["volumes"] = new JsonArray();
        NodeGraphSource.ApplyPod(_graph, Event("MODIFIED", relabelled, bound));
        Assert.True(_graph.HasPathFrom("a", VertexKind.Secret, "team", "s1"));

        var debugged = bound.DeepClone().AsObject();
        debugged["spec"]!["ephemeralContainers"] = JsonNode.Parse("""[{"name":"debug","envFrom":[{"secretRef":{"name":"debug-secret"}}]}]""");
        NodeGraphSource.ApplyPod(_graph, Event("MODIFIED", debugged, bound));
        Assert.True(_graph.HasPathFrom("a", VertexKind.Secret, "team", "debug-secret"));
    }

    [Fact]
    public void Volumes_are_applied_on_every_change_and_removed_on_delete()
    {
        NodeGraphSource.ApplyPod(_graph, Event("ADDED", Pod("team", "p", "a", """ "volumes":[{"name":"d","persistentVolumeClaim":{"claimName":"data"}}]"""), null));
        var volume = Volume("pv", "team", "data", """ "csi":{"driver":"d","volumeHandle":"h","nodePublishSecretRef":{"name":"mount-secret"}}""");

        NodeGraphSource.ApplyVolume(_graph, Event("ADDED", volume, null));
        Assert.True(_graph.HasPathFrom("a", VertexKind.Secret, "team", "mount-secret"));

        NodeGraphSource.ApplyVolume(_graph, Event("DELETED", volume, volume));
        Assert.False(_graph.HasPathFrom("a", VertexKind.PersistentVolume, "", "pv"));
    }

    public void Dispose() => _graph.Dispose();

    private static CachedEvent Event(string type, JsonObject obj, JsonObject? previous) =>
        new(type, Cached(obj), previous is null ? null : Cached(previous));

    private static CachedObject Cached(JsonObject obj) => new("/key", Encoding.UTF8.GetBytes(obj.ToJsonString()), 1);
}
