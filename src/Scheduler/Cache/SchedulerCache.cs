namespace Orchestrator.Scheduler.Cache;

/// <summary>
/// The scheduler's view of nodes and the pods on them, kept incrementally from informer events, plus pods
/// <em>assumed</em> on a node by the scheduling loop before their binding is confirmed, so the next cycle already
/// sees their resources. Every change bumps the node's generation; <see cref="UpdateSnapshot"/> re-clones only
/// changed nodes. Thread-safe.
/// </summary>
public sealed partial class SchedulerCache(TimeProvider time, TimeSpan? assumedPodTtl = null)
{
    private readonly object _lock = new();
    private readonly Dictionary<string, NodeInfo> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CachedPod> _pods = new(StringComparer.Ordinal);
    private readonly TimeSpan _ttl = assumedPodTtl ?? TimeSpan.FromSeconds(30);
    private readonly List<(long Generation, NodeInfo Node)> _changes = [];
    private long _generation;
    private bool _structureChanged = true;

    public int NodeCount { get { lock (_lock) { return _nodes.Values.Count(n => n.Node is not null); } } }

    public int PodCount { get { lock (_lock) { return _pods.Count; } } }

    public void AddNode(V1Node node)
    {
        lock (_lock)
        {
            var name = node.Metadata.Name;
            if (!_nodes.TryGetValue(name, out var info))
            {
                info = new NodeInfo(node);
                _nodes[name] = info;
            }
            else
            {
                info.SetNode(node);
            }

            _structureChanged = true;
            Touch(info);
        }
    }

    public void UpdateNode(V1Node node) => AddNode(node);

    /// <summary>Removes the node; its pods stay (as a placeholder) until the informer deletes them, like upstream.</summary>
    public void RemoveNode(V1Node node)
    {
        lock (_lock)
        {
            var name = node.Metadata.Name;
            if (!_nodes.TryGetValue(name, out var info))
            {
                return;
            }

            if (info.Pods.Count == 0)
            {
                _nodes.Remove(name);
            }
            else
            {
                var placeholder = new NodeInfo(null, name);
                foreach (var p in info.Pods)
                {
                    placeholder.AddPod(p);
                }

                _nodes[name] = placeholder;
                Touch(placeholder);
            }

            _structureChanged = true;
        }
    }

    /// <summary>A bound pod seen by the informer: confirms an assumed pod, or adds it.</summary>
    public void AddPod(V1Pod pod)
    {
        var nodeName = pod.Spec?.NodeName;
        if (string.IsNullOrEmpty(nodeName))
        {
            return;
        }

        lock (_lock)
        {
            var info = new PodInfo(pod);
            if (_pods.TryGetValue(info.Uid, out var cached))
            {
                // Assumed → confirmed (possibly on another node if someone else bound it), or an update.
                RemoveFromNode(cached);
                cached.PodInfo = info;
                cached.NodeName = nodeName;
                cached.Assumed = false;
                cached.Deadline = null;
                AddToNode(cached);
                return;
            }

            cached = new CachedPod(info, nodeName, assumed: false);
            _pods[info.Uid] = cached;
            AddToNode(cached);
        }
    }

    public void UpdatePod(V1Pod pod) => AddPod(pod);

    public void RemovePod(V1Pod pod)
    {
        lock (_lock)
        {
            var uid = PodInfo.UidOf(pod);
            if (_pods.Remove(uid, out var cached))
            {
                RemoveFromNode(cached);
            }
        }
    }

    public bool IsAssumed(V1Pod pod)
    {
        lock (_lock)
        {
            return _pods.TryGetValue(PodInfo.UidOf(pod), out var s) && s.Assumed;
        }
    }

    /// <summary>The node the cache places the pod on (assumed or confirmed), or null.</summary>
    public string? NodeOf(V1Pod pod)
    {
        lock (_lock)
        {
            return _pods.TryGetValue(PodInfo.UidOf(pod), out var s) ? s.NodeName : null;
        }
    }

    private void AddToNode(CachedPod cached)
    {
        if (!_nodes.TryGetValue(cached.NodeName, out var node))
        {
            node = new NodeInfo(null, cached.NodeName);
            _nodes[cached.NodeName] = node;
            _structureChanged = true;
        }

        var hadAffinity = node.PodsWithAffinity.Count > 0;
        var hadAnti = node.PodsWithRequiredAntiAffinity.Count > 0;
        node.AddPod(cached.PodInfo);
        MarkIfAffinityListsChanged(node, hadAffinity, hadAnti);
        Touch(node);
    }

    private void RemoveFromNode(CachedPod cached)
    {
        if (!_nodes.TryGetValue(cached.NodeName, out var node))
        {
            return;
        }

        var hadAffinity = node.PodsWithAffinity.Count > 0;
        var hadAnti = node.PodsWithRequiredAntiAffinity.Count > 0;
        node.RemovePod(cached.PodInfo);
        MarkIfAffinityListsChanged(node, hadAffinity, hadAnti);
        if (node.Node is null && node.Pods.Count == 0)
        {
            _nodes.Remove(cached.NodeName);
            _structureChanged = true;
        }

        Touch(node);
    }

    private void MarkIfAffinityListsChanged(NodeInfo node, bool hadAffinity, bool hadAnti)
    {
        if (hadAffinity != node.PodsWithAffinity.Count > 0 || hadAnti != node.PodsWithRequiredAntiAffinity.Count > 0)
        {
            _structureChanged = true;
        }
    }

    /// <summary>Bumps the node's generation and logs the change, so snapshots visit only changed nodes.</summary>
    private void Touch(NodeInfo node)
    {
        node.Generation = ++_generation;
        _changes.Add((node.Generation, node));
        if (_changes.Count > (2 * _nodes.Count) + 1024)
        {
            // Snapshots older than the oldest kept entry fall back to a full scan.
            _changes.RemoveRange(0, _changes.Count / 2);
        }
    }
}
