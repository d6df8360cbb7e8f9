namespace Orchestrator.Store;

/// <summary>A read or compaction named a revision newer than the store has.</summary>
public sealed class StoreFutureRevisionException(long requestedRevision, long currentRevision)
    : StoreException($"revision {requestedRevision} is newer than the current revision {currentRevision}")
{
    /// <summary>The revision asked for.</summary>
    public long RequestedRevision { get; } = requestedRevision;

    /// <summary>The store's revision when asked.</summary>
    public long CurrentRevision { get; } = currentRevision;
}
