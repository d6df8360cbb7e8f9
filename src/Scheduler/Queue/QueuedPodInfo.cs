namespace Orchestrator.Scheduler.Queue;

/// <summary>A pod in the scheduling queue with its bookkeeping: attempts, timestamps, the cycle it was popped in.</summary>
public sealed class QueuedPodInfo
{
    internal QueuedPodInfo(PodInfo podInfo, DateTimeOffset now, long sequence)
    {
        PodInfo = podInfo;
        Timestamp = now;
        InitialAttemptTimestamp = now;
        Sequence = sequence;
    }

    public PodInfo PodInfo { get; internal set; }

    public V1Pod Pod => PodInfo.Pod;

    public string Key => QueueKey(Pod);

    /// <summary>When the pod last entered a queue (activeQ order tiebreak, backoff start, unschedulable since).</summary>
    public DateTimeOffset Timestamp { get; internal set; }

    public DateTimeOffset InitialAttemptTimestamp { get; }

    /// <summary>Scheduling attempts so far (incremented on every pop).</summary>
    public int Attempts { get; internal set; }

    /// <summary>Insertion order, the final tiebreak in the heaps.</summary>
    internal long Sequence { get; set; }

    /// <summary>The scheduling cycle in which this pod was last popped.</summary>
    public long SchedulingCycle { get; internal set; }

    public static string QueueKey(V1Pod pod) => $"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}";
}
