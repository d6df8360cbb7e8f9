namespace Orchestrator.Scheduler.Queue;

/// <summary>activeQ order: higher priority first, then earlier timestamp, then insertion order.</summary>
internal sealed class ActiveQueueComparer : IComparer<QueuedPodInfo>
{
    public static ActiveQueueComparer Instance { get; } = new();

    public int Compare(QueuedPodInfo? x, QueuedPodInfo? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var c = y.PodInfo.Priority.CompareTo(x.PodInfo.Priority);
        if (c != 0)
        {
            return c;
        }

        c = x.Timestamp.CompareTo(y.Timestamp);
        return c != 0 ? c : x.Sequence.CompareTo(y.Sequence);
    }
}
