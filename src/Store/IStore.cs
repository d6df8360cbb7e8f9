namespace Orchestrator.Store;

/// <summary>
/// The storage contract every backend implements (shaped like kine's Backend and the
/// kube-apiserver storage.Interface). Keys are UTF-8 strings compared byte-wise; values are
/// opaque bytes. One global revision counts committed writes: an empty store is at revision 1
/// and every successful create, update or delete advances it by exactly one. Failed
/// preconditions never consume a revision.
/// </summary>
/// <remarks>
/// All members are thread-safe. A method returns only after its write is durable (it survives
/// a crash of the process). Errors are reported as <see cref="StoreException"/> subclasses:
/// <see cref="StoreKeyExistsException"/>, <see cref="StoreKeyNotFoundException"/>,
/// <see cref="StoreConflictException"/>, <see cref="StoreCompactedException"/>,
/// <see cref="StoreFutureRevisionException"/>, <see cref="StoreInvalidContinueException"/>;
/// anything else (I/O, network) is an infrastructure failure.
/// </remarks>
public interface IStore : IAsyncDisposable
{
    /// <summary>The revision of the newest committed write visible to readers of this store.</summary>
    ValueTask<long> GetCurrentRevisionAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads the current value of <paramref name="key"/>, or null when it does not exist.</summary>
    Task<KeyValue?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates <paramref name="key"/>. Throws <see cref="StoreKeyExistsException"/> when it exists.
    /// With a <paramref name="ttl"/>, the key is deleted (a normal delete, seen by watchers) once it expires.
    /// </summary>
    Task<KeyValue> CreateAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? ttl = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the value of <paramref name="key"/> if its modification revision is still
    /// <paramref name="expectedModRevision"/>. Throws <see cref="StoreKeyNotFoundException"/> when the
    /// key is absent and <see cref="StoreConflictException"/> (carrying the current value) on mismatch.
    /// </summary>
    Task<KeyValue> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, TimeSpan? ttl = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes <paramref name="key"/>, if given only when its modification revision is
    /// <paramref name="expectedModRevision"/>. Returns the deleted value with
    /// <see cref="KeyValue.ModRevision"/> set to the revision of the delete.
    /// </summary>
    Task<KeyValue> DeleteAsync(string key, long? expectedModRevision = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists keys starting with <see cref="ListOptions.Prefix"/> in key order, as one consistent
    /// snapshot: every page of a paged list is read at the revision of the first page (carried in
    /// the continue token). Throws <see cref="StoreCompactedException"/> when that revision has been
    /// compacted away.
    /// </summary>
    Task<ListResult> ListAsync(ListOptions options, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams every create, update and delete of a key under <paramref name="prefix"/> with a
    /// revision greater than <paramref name="fromRevision"/>, in revision order, without gaps or
    /// duplicates. Throws <see cref="StoreCompactedException"/> (on the first MoveNext) when events
    /// after <paramref name="fromRevision"/> are no longer available.
    /// </summary>
    IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long fromRevision, WatchOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Discards history older than <paramref name="revision"/>: afterwards lists at a revision below
    /// it and watches from below <c>revision - 1</c> fail with <see cref="StoreCompactedException"/>.
    /// Compacting to a revision at or below the current compaction point does nothing.
    /// </summary>
    Task CompactAsync(long revision, CancellationToken cancellationToken = default);
}
