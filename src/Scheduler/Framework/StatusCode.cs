namespace Orchestrator.Scheduler.Framework;

/// <summary>Outcome of running a plugin, with upstream's meaning.</summary>
public enum StatusCode
{
    /// <summary>The plugin ran and the pod may go on (or the node fits).</summary>
    Success,

    /// <summary>The node does not fit now, but preempting pods might make it fit.</summary>
    Unschedulable,

    /// <summary>The node does not fit and preemption cannot help (labels, taints, affinity).</summary>
    UnschedulableAndUnresolvable,

    /// <summary>An internal failure, not a property of the node.</summary>
    Error,

    /// <summary>
    /// The pod waits for something outside the scheduler (upstream's Pending; ImagePlatform: an image's platforms
    /// still being read). It goes back to the unschedulable set without a FailedScheduling event or condition; the
    /// plugin's own signal moves it back to the queue.
    /// </summary>
    Pending,
}
