namespace Orchestrator.ApiServer.Authorization.Node;

/// <summary>
/// One object in the <see cref="NodeGraph"/> and its edges. Every edge points towards nodes; an edge
/// that leads to exactly one node (secret → pod of node n, pod → n) remembers that node, so a lookup
/// can skip the edges that lead elsewhere and answer from <see cref="Destinations"/> without a walk.
/// Only the graph changes it, under its write lock.
/// </summary>
internal sealed class GraphVertex(VertexKind kind, string @namespace, string name)
{
    public VertexKind Kind { get; } = kind;

    public string Namespace { get; } = @namespace;

    public string Name { get; } = name;

    /// <summary>Edges out of this vertex: target → the node the edge leads to (null when it is not known, pv → pvc).</summary>
    public Dictionary<GraphVertex, GraphVertex?> Out { get; } = [];

    /// <summary>The vertices with an edge to this one.</summary>
    public HashSet<GraphVertex> In { get; } = [];

    /// <summary>How many edges out of this vertex lead to each node.</summary>
    public Dictionary<GraphVertex, int> Destinations { get; } = [];

    public int Degree => Out.Count + In.Count;

    /// <summary>Upstream's words for the kind in the graph's errors (pod, secret, configmap, pvc, pv, serviceAccount).</summary>
    public static string Describe(VertexKind kind) => kind switch
    {
        VertexKind.Node => "node",
        VertexKind.Pod => "pod",
        VertexKind.Secret => "secret",
        VertexKind.ConfigMap => "configmap",
        VertexKind.PersistentVolumeClaim => "pvc",
        VertexKind.PersistentVolume => "pv",
        VertexKind.ServiceAccount => "serviceAccount",
        _ => kind.ToString(),
    };

    public override string ToString() =>
        Namespace.Length == 0 ? $"{Describe(Kind)}:{Name}" : $"{Describe(Kind)}:{Namespace}/{Name}";
}
