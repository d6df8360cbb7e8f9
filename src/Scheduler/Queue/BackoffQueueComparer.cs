namespace Orchestrator.Scheduler.Queue;

/// <summary>backoffQ order: earliest backoff expiry first, then insertion order.</summary>
internal sealed class BackoffQueueComparer(Func<QueuedPodInfo, DateTimeOffset> expiry) : IComparer<QueuedPodInfo>
{
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

        var c = expiry(x).CompareTo(expiry(y));
        return c != 0 ? c : x.Sequence.CompareTo(y.Sequence);
    }
}
