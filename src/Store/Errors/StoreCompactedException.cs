namespace Orchestrator.Store;

/// <summary>A list or watch asked for history older than the compaction point (HTTP 410 Gone upstream).</summary>
public sealed class StoreCompactedException(long requestedRevision, long compactRevision)
    : StoreException($"revision {requestedRevision} has been compacted (compacted up to {compactRevision})")
{
    /// <summary>The revision asked for.</summary>
    public long RequestedRevision { get; } = requestedRevision;

    /// <summary>The oldest revision still available.</summary>
    public long CompactRevision { get; } = compactRevision;
}
