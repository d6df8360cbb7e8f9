namespace Orchestrator.ControllerManager.Controllers.PodGc;

/// <summary>Pod garbage collection (upstream --terminated-pod-gc-threshold; the check period is upstream's gcCheckPeriod).</summary>
internal sealed record PodGcOptions
{
    /// <summary>How many terminated pods may exist before the oldest are deleted; zero or less turns that off.</summary>
    public int TerminatedPodGcThreshold { get; init; } = 12500;

    public TimeSpan CheckPeriod { get; init; } = TimeSpan.FromSeconds(20);
}
