namespace Orchestrator.Store;

/// <summary>
/// A watcher fell so far behind that the store stopped buffering for it; the consumer should
/// list again and watch from the list's revision (what a client does after 410 Gone).
/// </summary>
public sealed class StoreWatchLaggedException(long lastDeliveredRevision)
    : StoreException($"watcher fell too far behind after revision {lastDeliveredRevision}")
{
    /// <summary>The last revision delivered before the watch ended.</summary>
    public long LastDeliveredRevision { get; } = lastDeliveredRevision;
}
