namespace Orchestrator.Store;

/// <summary>An update or delete expected another modification revision than the key has.</summary>
public sealed class StoreConflictException(KeyValue current, long expectedModRevision)
    : StoreException($"key \"{current.Key}\" is at revision {current.ModRevision}, not {expectedModRevision}")
{
    /// <summary>The key's current value, so a caller can retry without another read.</summary>
    public KeyValue Current { get; } = current;

    /// <summary>The revision the caller expected.</summary>
    public long ExpectedModRevision { get; } = expectedModRevision;
}
