using Orchestrator.ApiServer.Authorization.Node;
using static Orchestrator.ApiServer.Tests.Authorization.Node.NodeTestObjects;

namespace Orchestrator.ApiServer.Tests.Authorization.Node;

public sealed class NodeGraphTests : IDisposable
{
    private readonly NodeGraph _graph = new();

    public NodeGraphTests()
    {
        _graph.AddPod(Pod("team", "p1", "a", """ "serviceAccountName":"builder","volumes":[{"name":"s","secret":{"secretName":"s1"}},{"name":"c","configMap":{"name":"c1"}},{"name":"d","persistentVolumeClaim":{"claimName":"claim-1"}},{"name":"x","secret":{"secretName":"shared"}}]"""));
        _graph.AddPod(Pod("team", "p2", "b", """ "serviceAccountName":"default","imagePullSecrets":[{"name":"s2"},{"name":"shared"}]"""));
        _graph.AddPod(Pod("team", "m", "a", """ "volumes":[{"name":"s","secret":{"secretName":"mirror-secret"}}]""", mirror: true));
        _graph.AddPod(Pod("team", "pending", null, """ "volumes":[{"name":"s","secret":{"secretName":"pending-secret"}}]"""));
        _graph.AddVolume(Volume("pv-1", "team", "claim-1", """ "csi":{"driver":"d","volumeHandle":"h","nodeStageSecretRef":{"name":"pv-secret"},"controllerPublishSecretRef":{"name":"controller-secret","namespace":"team"}}"""));
    }

    public static TheoryData<string, string, string, string, bool> Paths => new()
    {
        // node, kind, namespace, name, related
        { "a", "Pod", "team", "p1", true },
        { "b", "Pod", "team", "p1", false },
        { "a", "Secret", "team", "s1", true },
        { "b", "Secret", "team", "s1", false },
        { "a", "Secret", "other", "s1", false },
        { "a", "Secret", "team", "shared", true },
        { "b", "Secret", "team", "shared", true },
        { "b", "Secret", "team", "s2", true },
        { "a", "ConfigMap", "team", "c1", true },
        { "a", "ConfigMap", "team", "s1", false },
        { "a", "ServiceAccount", "team", "builder", true },
        { "b", "ServiceAccount", "team", "builder", false },
        { "b", "ServiceAccount", "team", "default", true },
        { "a", "PersistentVolumeClaim", "team", "claim-1", true },
        { "a", "PersistentVolume", "", "pv-1", true },
        { "b", "PersistentVolume", "", "pv-1", false },
        { "a", "Secret", "team", "pv-secret", true },
        { "b", "Secret", "team", "pv-secret", false },
        { "a", "Secret", "team", "controller-secret", false },
        { "a", "Secret", "team", "mirror-secret", false },
        { "a", "Pod", "team", "m", true },
        { "a", "Secret", "team", "pending-secret", false },
        { "c", "Secret", "team", "s1", false },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void A_node_reaches_what_its_pods_and_their_volumes_reference_and_nothing_else(string node, string kind, string ns, string name, bool related) =>
        Assert.Equal(related, _graph.HasPathFrom(node, Enum.Parse<VertexKind>(kind), ns, name));

    [Fact]
    public void Deleting_a_pod_drops_its_relationships_and_the_objects_only_it_referenced()
    {
        _graph.DeletePod("team", "p1");

        Assert.False(_graph.HasPathFrom("a", VertexKind.Secret, "team", "s1"));
        Assert.False(_graph.Contains(VertexKind.Secret, "team", "s1"));
        Assert.False(_graph.Contains(VertexKind.ConfigMap, "team", "c1"));
        Assert.False(_graph.HasPathFrom("a", VertexKind.Secret, "team", "shared"));
        Assert.True(_graph.HasPathFrom("b", VertexKind.Secret, "team", "shared"));

        // The claim stays: its volume still points at it, but it leads to no node now.
        Assert.True(_graph.Contains(VertexKind.PersistentVolumeClaim, "team", "claim-1"));
        Assert.False(_graph.HasPathFrom("a", VertexKind.PersistentVolume, "", "pv-1"));
    }

    [Fact]
    public void A_pod_added_again_replaces_what_it_related_before()
    {
        _graph.AddPod(Pod("team", "p1", "b", """ "volumes":[{"name":"s","secret":{"secretName":"s3"}}]""", uid: "uid-2"));

        Assert.False(_graph.HasPathFrom("a", VertexKind.Pod, "team", "p1"));
        Assert.False(_graph.Contains(VertexKind.Secret, "team", "s1"));
        Assert.True(_graph.HasPathFrom("b", VertexKind.Secret, "team", "s3"));
        Assert.False(_graph.HasPathFrom("a", VertexKind.Secret, "team", "s3"));
    }

    [Fact]
    public void Replacing_the_pods_forgets_those_not_listed()
    {
        _graph.ReplacePods([Pod("team", "p2", "b", """ "imagePullSecrets":[{"name":"s2"}]""")]);

        Assert.False(_graph.HasPathFrom("a", VertexKind.Secret, "team", "s1"));
        Assert.False(_graph.Contains(VertexKind.Node, "", "a"));
        Assert.True(_graph.HasPathFrom("b", VertexKind.Secret, "team", "s2"));
        Assert.False(_graph.HasPathFrom("b", VertexKind.Secret, "team", "shared"));
    }

    [Fact]
    public void A_volume_deleted_or_released_no_longer_relates_its_secrets()
    {
        _graph.AddVolume(Volume("pv-1", null, null, """ "csi":{"driver":"d","volumeHandle":"h","nodeStageSecretRef":{"name":"pv-secret","namespace":"team"}}"""));
        Assert.False(_graph.HasPathFrom("a", VertexKind.Secret, "team", "pv-secret"));
        Assert.False(_graph.Contains(VertexKind.PersistentVolume, "", "pv-1"));

        _graph.AddVolume(Volume("pv-1", "team", "claim-1", """ "csi":{"driver":"d","volumeHandle":"h","nodeStageSecretRef":{"name":"pv-secret"}}"""));
        Assert.True(_graph.HasPathFrom("a", VertexKind.Secret, "team", "pv-secret"));

        _graph.DeleteVolume("pv-1");
        Assert.False(_graph.HasPathFrom("a", VertexKind.Secret, "team", "pv-secret"));
        Assert.True(_graph.HasPathFrom("a", VertexKind.PersistentVolumeClaim, "team", "claim-1"));
    }

    [Fact]
    public void One_configmap_referenced_by_many_pods_answers_for_each_node_by_its_destination_count()
    {
        for (var i = 0; i < 500; i++)
        {
            _graph.AddPod(Pod("team", $"w{i}", $"n{i % 50}", """ "volumes":[{"name":"ca","configMap":{"name":"kube-root-ca.crt"}}]"""));
        }

        Assert.True(_graph.HasPathFrom("n49", VertexKind.ConfigMap, "team", "kube-root-ca.crt"));
        for (var i = 0; i < 500; i += 50)
        {
            _graph.DeletePod("team", $"w{i}");
        }

        Assert.False(_graph.HasPathFrom("n0", VertexKind.ConfigMap, "team", "kube-root-ca.crt"));
        Assert.True(_graph.HasPathFrom("n1", VertexKind.ConfigMap, "team", "kube-root-ca.crt"));
    }

    public void Dispose() => _graph.Dispose();
}
