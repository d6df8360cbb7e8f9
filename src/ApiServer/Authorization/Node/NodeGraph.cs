namespace Orchestrator.ApiServer.Authorization.Node;

/// <summary>
/// Which objects each node may read (upstream's node authorizer graph, plugin/pkg/auth/authorizer/node/graph.go):
/// pod → node for every pod bound to a node; secret, configmap, pvc and service account → pod for what
/// the pod names (none for mirror pods: a node must not grant itself access by creating one);
/// pv → pvc and secret → pv for bound volumes. Changed one object at a time as the watch caches report
/// pods and volumes (<see cref="NodeGraphSource"/>); a vertex left without edges is dropped. Thread-safe:
/// lookups share a read lock, changes take the write lock.
/// </summary>
internal sealed class NodeGraph : IDisposable
{
    private const string MirrorAnnotation = "kubernetes.io/config.mirror";

    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<(VertexKind Kind, string Namespace, string Name), GraphVertex> _vertices = [];

    /// <summary>Relates a pod bound to a node (spec.nodeName set) and what it references; replaces what the pod related before.</summary>
    public void AddPod(JsonObject pod)
    {
        var ns = JsonFields.Text(pod["metadata"]?["namespace"]) ?? "";
        var name = JsonFields.Text(pod["metadata"]?["name"]) ?? "";
        var nodeName = JsonFields.Text(pod["spec"]?["nodeName"]) ?? "";
        _lock.EnterWriteLock();
        try
        {
            AddPodLocked(pod, ns, name, nodeName);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void DeletePod(string @namespace, string name) => Write(() => DeleteVertexLocked(VertexKind.Pod, @namespace, name));

    /// <summary>Relates a PersistentVolume to its claim and its secrets; replaces what it related before.</summary>
    public void AddVolume(JsonObject volume) => Write(() => AddVolumeLocked(volume));

    public void DeleteVolume(string name) => Write(() => DeleteVertexLocked(VertexKind.PersistentVolume, "", name));

    /// <summary>Forgets every pod and relates <paramref name="pods"/> instead (after a watch restarted from a fresh list).</summary>
    public void ReplacePods(IEnumerable<JsonObject> pods) => Write(() =>
    {
        ClearLocked(VertexKind.Pod);
        foreach (var pod in pods)
        {
            if (JsonFields.Text(pod["spec"]?["nodeName"]) is { Length: > 0 } nodeName)
            {
                AddPodLocked(pod, JsonFields.Text(pod["metadata"]?["namespace"]) ?? "", JsonFields.Text(pod["metadata"]?["name"]) ?? "", nodeName);
            }
        }
    });

    /// <summary>Forgets every volume and relates <paramref name="volumes"/> instead.</summary>
    public void ReplaceVolumes(IEnumerable<JsonObject> volumes) => Write(() =>
    {
        ClearLocked(VertexKind.PersistentVolume);
        foreach (var volume in volumes)
        {
            AddVolumeLocked(volume);
        }
    });

    /// <summary>Whether the graph has a vertex for the object (one with a relationship to some node or volume).</summary>
    public bool Contains(VertexKind kind, string @namespace, string name)
    {
        _lock.EnterReadLock();
        try
        {
            return _vertices.ContainsKey((kind, @namespace, name));
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// Whether a path leads from the object to node <paramref name="nodeName"/> (upstream's hasPathFrom):
    /// edges known to lead to another node are not followed.
    /// </summary>
    public bool HasPathFrom(string nodeName, VertexKind kind, string @namespace, string name)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_vertices.TryGetValue((VertexKind.Node, "", nodeName), out var node) || !_vertices.TryGetValue((kind, @namespace, name), out var start))
            {
                return false;
            }

            if (start.Destinations.ContainsKey(node))
            {
                return true;
            }

            var visited = new HashSet<GraphVertex> { start };
            var pending = new Stack<GraphVertex>();
            pending.Push(start);
            while (pending.TryPop(out var vertex))
            {
                foreach (var (to, destination) in vertex.Out)
                {
                    if (to == node)
                    {
                        return true;
                    }

                    if ((destination is null || destination == node) && visited.Add(to))
                    {
                        pending.Push(to);
                    }
                }
            }

            return false;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();

    private void Write(Action change)
    {
        _lock.EnterWriteLock();
        try
        {
            change();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private void AddPodLocked(JsonObject pod, string ns, string name, string nodeName)
    {
        DeleteVertexLocked(VertexKind.Pod, ns, name);
        if (nodeName.Length == 0)
        {
            return;
        }

        var podVertex = GetOrCreate(VertexKind.Pod, ns, name);
        var node = GetOrCreate(VertexKind.Node, "", nodeName);
        AddEdge(podVertex, node, node);
        if (pod["metadata"]?["annotations"] is JsonObject annotations && annotations.ContainsKey(MirrorAnnotation))
        {
            return;
        }

        var references = PodReferences.Of(pod);
        if (references.ServiceAccount.Length > 0)
        {
            AddEdge(GetOrCreate(VertexKind.ServiceAccount, ns, references.ServiceAccount), podVertex, node);
        }

        foreach (var secret in references.Secrets)
        {
            AddEdge(GetOrCreate(VertexKind.Secret, ns, secret), podVertex, node);
        }

        foreach (var configMap in references.ConfigMaps)
        {
            AddEdge(GetOrCreate(VertexKind.ConfigMap, ns, configMap), podVertex, node);
        }

        foreach (var claim in references.Claims)
        {
            AddEdge(GetOrCreate(VertexKind.PersistentVolumeClaim, ns, claim), podVertex, node);
        }
    }

    private void AddVolumeLocked(JsonObject volume)
    {
        var name = JsonFields.Text(volume["metadata"]?["name"]) ?? "";
        DeleteVertexLocked(VertexKind.PersistentVolume, "", name);
        var references = VolumeReferences.Of(volume);
        if (references.Claim is not { } claim)
        {
            return;
        }

        // Which node the claim's pods run on is not known here: these edges carry no destination.
        var volumeVertex = GetOrCreate(VertexKind.PersistentVolume, "", name);
        AddEdge(volumeVertex, GetOrCreate(VertexKind.PersistentVolumeClaim, claim.Namespace, claim.Name), null);
        foreach (var (ns, secret) in references.Secrets)
        {
            AddEdge(GetOrCreate(VertexKind.Secret, ns, secret), volumeVertex, null);
        }
    }

    private GraphVertex GetOrCreate(VertexKind kind, string ns, string name)
    {
        if (!_vertices.TryGetValue((kind, ns, name), out var vertex))
        {
            vertex = new GraphVertex(kind, ns, name);
            _vertices[(kind, ns, name)] = vertex;
        }

        return vertex;
    }

    private static void AddEdge(GraphVertex from, GraphVertex to, GraphVertex? destination)
    {
        if (from.Out.ContainsKey(to))
        {
            return;
        }

        from.Out[to] = destination;
        to.In.Add(from);
        if (destination is not null)
        {
            from.Destinations[destination] = from.Destinations.GetValueOrDefault(destination) + 1;
        }
    }

    /// <summary>Removes the vertex and every neighbour whose only edge was to or from it (upstream's deleteVertexLocked).</summary>
    private void DeleteVertexLocked(VertexKind kind, string ns, string name)
    {
        if (!_vertices.TryGetValue((kind, ns, name), out var vertex))
        {
            return;
        }

        var orphans = vertex.Out.Keys.Concat(vertex.In).Where(neighbour => neighbour.Degree == 1).ToList();
        RemoveLocked(vertex);
        foreach (var orphan in orphans)
        {
            RemoveLocked(orphan);
        }
    }

    private void ClearLocked(VertexKind kind)
    {
        foreach (var vertex in _vertices.Values.Where(v => v.Kind == kind).ToList())
        {
            DeleteVertexLocked(kind, vertex.Namespace, vertex.Name);
        }
    }

    private void RemoveLocked(GraphVertex vertex)
    {
        foreach (var to in vertex.Out.Keys)
        {
            to.In.Remove(vertex);
        }

        foreach (var from in vertex.In)
        {
            if (from.Out.Remove(vertex, out var destination) && destination is not null)
            {
                var left = from.Destinations[destination] - 1;
                if (left == 0)
                {
                    from.Destinations.Remove(destination);
                }
                else
                {
                    from.Destinations[destination] = left;
                }
            }
        }

        _vertices.Remove((vertex.Kind, vertex.Namespace, vertex.Name));
    }
}
