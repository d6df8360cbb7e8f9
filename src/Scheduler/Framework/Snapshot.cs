namespace Orchestrator.Scheduler.Framework;

/// <summary>
/// The cluster as one scheduling cycle sees it: clones of the cache's node infos, refreshed incrementally
/// (only nodes whose generation changed are re-cloned). Read-only for plugins.
/// </summary>
public sealed class Snapshot
{
    private readonly Dictionary<string, NodeInfo> _byName = new(StringComparer.Ordinal);
    private readonly List<NodeInfo> _nodes = [];
    private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);
    private readonly List<NodeInfo> _withAffinity = [];
    private readonly List<NodeInfo> _withRequiredAntiAffinity = [];

    /// <summary>Nodes (never placeholders), in a stable order.</summary>
    public IReadOnlyList<NodeInfo> Nodes => _nodes;

    public IReadOnlyList<NodeInfo> NodesWithPodsWithAffinity => _withAffinity;

    public IReadOnlyList<NodeInfo> NodesWithPodsWithRequiredAntiAffinity => _withRequiredAntiAffinity;

    /// <summary>Highest cache generation copied into this snapshot.</summary>
    public long Generation { get; internal set; }

    /// <summary>Namespace labels for namespaceSelector in affinity terms; null when the namespace is unknown.</summary>
    public Func<string, IDictionary<string, string>?> NamespaceLabels { get; set; } = _ => null;

    public NodeInfo? Get(string name) => _byName.TryGetValue(name, out var n) ? n : null;

    /// <summary>Builds a snapshot directly from node infos (tests and benchmarks).</summary>
    public static Snapshot From(IEnumerable<NodeInfo> nodes)
    {
        var snapshot = new Snapshot();
        foreach (var n in nodes)
        {
            snapshot._byName[n.Name] = n;
        }

        snapshot.RebuildLists();
        return snapshot;
    }

    internal Dictionary<string, NodeInfo> ByName => _byName;

    /// <summary>Rebuilds the ordered lists after the cache changed the set of nodes or their affinity pods.</summary>
    internal void RebuildLists()
    {
        _nodes.Clear();
        _positions.Clear();
        _withAffinity.Clear();
        _withRequiredAntiAffinity.Clear();
        foreach (var n in _byName.Values.OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            if (n.Node is null)
            {
                continue;
            }

            _positions[n.Name] = _nodes.Count;
            _nodes.Add(n);
            if (n.PodsWithAffinity.Count > 0)
            {
                _withAffinity.Add(n);
            }

            if (n.PodsWithRequiredAntiAffinity.Count > 0)
            {
                _withRequiredAntiAffinity.Add(n);
            }
        }
    }

    /// <summary>Replaces one node's clone in place, keeping list order (the common case: a pod was assumed).</summary>
    internal bool ReplaceInPlace(NodeInfo clone)
    {
        if (!_byName.TryGetValue(clone.Name, out var old) || old.Node is null || clone.Node is null
            || (old.PodsWithAffinity.Count > 0) != (clone.PodsWithAffinity.Count > 0)
            || (old.PodsWithRequiredAntiAffinity.Count > 0) != (clone.PodsWithRequiredAntiAffinity.Count > 0))
        {
            return false;
        }

        _byName[clone.Name] = clone;
        _nodes[_positions[clone.Name]] = clone;
        if (old.PodsWithAffinity.Count > 0)
        {
            Swap(_withAffinity, old, clone);
        }

        if (old.PodsWithRequiredAntiAffinity.Count > 0)
        {
            Swap(_withRequiredAntiAffinity, old, clone);
        }

        return true;
    }

    private static void Swap(List<NodeInfo> list, NodeInfo old, NodeInfo clone)
    {
        var i = list.IndexOf(old);
        if (i >= 0)
        {
            list[i] = clone;
        }
    }
}
