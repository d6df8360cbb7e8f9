namespace Orchestrator.Scheduler.Queue;

/// <summary>Queue timings; defaults follow upstream except the unschedulable flush age (60s here, 5min upstream).</summary>
public sealed record SchedulingQueueOptions
{
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Pods unschedulable for longer than this are retried even without a cluster event.</summary>
    public TimeSpan PodMaxInUnschedulable { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the background loop moves completed backoffs to activeQ.</summary>
    public TimeSpan BackoffFlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the background loop checks for long-unschedulable pods.</summary>
    public TimeSpan UnschedulableFlushInterval { get; init; } = TimeSpan.FromSeconds(30);
}
