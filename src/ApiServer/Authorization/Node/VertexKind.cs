namespace Orchestrator.ApiServer.Authorization.Node;

/// <summary>The kinds of object the <see cref="NodeGraph"/> relates to nodes (upstream's vertexType).</summary>
internal enum VertexKind
{
    Node,
    Pod,
    Secret,
    ConfigMap,
    PersistentVolumeClaim,
    PersistentVolume,
    ServiceAccount,
}
