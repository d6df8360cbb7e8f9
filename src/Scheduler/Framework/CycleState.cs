namespace Orchestrator.Scheduler.Framework;

/// <summary>
/// Per-cycle scratch space shared by the plugins of one scheduling cycle (PreFilter writes, Filter/Score read).
/// Written only by PreFilter/PreScore, which run on the scheduling thread before any concurrent Filter calls.
/// </summary>
public sealed class CycleState
{
    private readonly Dictionary<string, object> _data = new(StringComparer.Ordinal);
    private PodInfo? _podInfo;

    /// <summary>The precomputed info of the pod being scheduled (computed on first use if not set).</summary>
    public PodInfo PodInfoFor(k8s.Models.V1Pod pod)
    {
        var info = _podInfo;
        if (info is null || !ReferenceEquals(info.Pod, pod))
        {
            info = new PodInfo(pod);
            _podInfo = info;
        }

        return info;
    }

    public void SetPodInfo(PodInfo podInfo) => _podInfo = podInfo;

    public void Write(string key, object value) => _data[key] = value;

    public T? Read<T>(string key) where T : class => _data.TryGetValue(key, out var value) ? value as T : null;

    /// <summary>Plugins whose PreFilter said they have nothing to check for this pod.</summary>
    public HashSet<string> SkipFilterPlugins { get; } = new(StringComparer.Ordinal);

    /// <summary>Per filter plugin (framework order): skip it. Computed once after PreFilter so Filter avoids lookups.</summary>
    internal bool[]? FilterSkipMask { get; set; }

    /// <summary>Plugins whose PreScore said they have nothing to score for this pod.</summary>
    public HashSet<string> SkipScorePlugins { get; } = new(StringComparer.Ordinal);
}
