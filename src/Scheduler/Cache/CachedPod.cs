namespace Orchestrator.Scheduler.Cache;

/// <summary>The cache's record of one pod: where it is, and whether it is only assumed.</summary>
internal sealed class CachedPod(PodInfo podInfo, string nodeName, bool assumed)
{
    public PodInfo PodInfo { get; set; } = podInfo;

    public string NodeName { get; set; } = nodeName;

    public bool Assumed { get; set; } = assumed;

    public bool BindingFinished { get; set; }

    /// <summary>When an assumed pod whose binding finished expires if the informer never confirms it.</summary>
    public DateTimeOffset? Deadline { get; set; }
}
