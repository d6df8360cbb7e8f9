using Orchestrator.ApiMachinery.Images;

namespace Orchestrator.Scheduler.Framework;

/// <summary>
/// A node with the pods assigned or assumed on it and the sums the filters need (requests, host ports).
/// Maintained incrementally by the scheduler cache; the per-cycle snapshot holds clones, so plugins may read
/// a <see cref="NodeInfo"/> from any thread during a cycle but never modify it.
/// </summary>
public sealed class NodeInfo
{
    private readonly List<PodInfo> _pods;
    private readonly List<PodInfo> _podsWithAffinity;
    private readonly List<PodInfo> _podsWithRequiredAntiAffinity;
    private readonly List<HostPort> _usedPorts;

    public NodeInfo(V1Node? node = null, string? placeholderName = null)
    {
        Name = placeholderName ?? string.Empty;
        _pods = [];
        _podsWithAffinity = [];
        _podsWithRequiredAntiAffinity = [];
        _usedPorts = [];
        Requested = new Resource();
        Allocatable = new Resource();
        SetNode(node);
    }

    private NodeInfo(NodeInfo other)
    {
        Node = other.Node;
        Name = other.Name;
        Allocatable = other.Allocatable;
        OperatingSystem = other.OperatingSystem;
        Platform = other.Platform;
        NoScheduleTaints = other.NoScheduleTaints;
        Requested = other.Requested.Clone();
        NonZeroMilliCpu = other.NonZeroMilliCpu;
        NonZeroMemory = other.NonZeroMemory;
        Generation = other.Generation;
        _pods = [.. other._pods];
        _podsWithAffinity = [.. other._podsWithAffinity];
        _podsWithRequiredAntiAffinity = [.. other._podsWithRequiredAntiAffinity];
        _usedPorts = [.. other._usedPorts];
    }

    /// <summary>Null for a placeholder created because a pod references a node the cache has not seen yet.</summary>
    public V1Node? Node { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public IDictionary<string, string>? Labels => Node?.Metadata.Labels;

    public IReadOnlyList<PodInfo> Pods => _pods;

    public IReadOnlyList<PodInfo> PodsWithAffinity => _podsWithAffinity;

    public IReadOnlyList<PodInfo> PodsWithRequiredAntiAffinity => _podsWithRequiredAntiAffinity;

    public IReadOnlyList<HostPort> UsedPorts => _usedPorts;

    /// <summary>Sum of the effective requests of every assigned and assumed pod.</summary>
    public Resource Requested { get; }

    public long NonZeroMilliCpu { get; private set; }

    public long NonZeroMemory { get; private set; }

    /// <summary>The node's status.allocatable (falls back to capacity).</summary>
    public Resource Allocatable { get; private set; }

    /// <summary>The node's kubernetes.io/os label, "linux" when absent.</summary>
    public string OperatingSystem { get; private set; } = "linux";

    /// <summary>The node's os, arch and Windows build labels (what ImagePlatform matches images against).</summary>
    public NodePlatform Platform { get; private set; } = new("linux");

    /// <summary>The node's NoSchedule and NoExecute taints, in node order (what the filters check).</summary>
    public IReadOnlyList<V1Taint> NoScheduleTaints { get; private set; } = [];

    /// <summary>Bumped by the cache on every change; the snapshot re-clones only changed nodes.</summary>
    public long Generation { get; set; }

    public void SetNode(V1Node? node)
    {
        Node = node;
        if (node is not null)
        {
            Name = node.Metadata.Name;
            Allocatable = Resource.FromList(node.Status?.Allocatable ?? node.Status?.Capacity);
            Platform = NodePlatform.FromLabels(node.Metadata.Labels);
            OperatingSystem = Platform.Os;
            NoScheduleTaints = node.Spec?.Taints is { Count: > 0 } taints ? [.. taints.Where(t => t.Effect is "NoSchedule" or "NoExecute")] : [];
        }
    }

    public void AddPod(PodInfo pod)
    {
        _pods.Add(pod);
        if (pod.HasAffinity)
        {
            _podsWithAffinity.Add(pod);
        }

        if (pod.RequiredAntiAffinityTerms.Count > 0)
        {
            _podsWithRequiredAntiAffinity.Add(pod);
        }

        Update(pod, 1);
    }

    /// <summary>Removes the pod with the same UID; false when it was not on this node.</summary>
    public bool RemovePod(PodInfo pod)
    {
        var index = _pods.FindIndex(p => p.Uid == pod.Uid);
        if (index < 0)
        {
            return false;
        }

        var existing = _pods[index];
        _pods.RemoveAt(index);
        _podsWithAffinity.RemoveAll(p => p.Uid == pod.Uid);
        _podsWithRequiredAntiAffinity.RemoveAll(p => p.Uid == pod.Uid);
        Update(existing, -1);
        return true;
    }

    public NodeInfo Clone() => new(this);

    private void Update(PodInfo pod, int sign)
    {
        Requested.Add(pod.Requests, sign);
        Requested.AllowedPodNumber += sign;
        NonZeroMilliCpu += sign * pod.NonZeroMilliCpu;
        NonZeroMemory += sign * pod.NonZeroMemory;
        foreach (var port in pod.HostPorts)
        {
            if (sign > 0)
            {
                _usedPorts.Add(port);
            }
            else
            {
                _usedPorts.Remove(port);
            }
        }
    }
}
