using Orchestrator.Store;

namespace Orchestrator.ApiServer.Tests.Storage;

/// <summary>
/// A store that lets another writer in once: before the first compare-and-swap update or delete,
/// it runs <c>interfere</c> against the inner store, so that write conflicts.
/// </summary>
internal sealed class InterferingStore(IStore inner, Func<IStore, Task> interfere) : IStore
{
    private bool _interfered;

    public int Writes { get; private set; }

    public ValueTask<long> GetCurrentRevisionAsync(CancellationToken cancellationToken = default) => inner.GetCurrentRevisionAsync(cancellationToken);

    public Task<KeyValue?> GetAsync(string key, CancellationToken cancellationToken = default) => inner.GetAsync(key, cancellationToken);

    public Task<KeyValue> CreateAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? ttl = null, CancellationToken cancellationToken = default) =>
        inner.CreateAsync(key, value, ttl, cancellationToken);

    public async Task<KeyValue> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        await InterfereOnceAsync();
        Writes++;
        return await inner.UpdateAsync(key, value, expectedModRevision, ttl, cancellationToken);
    }

    public async Task<KeyValue> DeleteAsync(string key, long? expectedModRevision = null, CancellationToken cancellationToken = default)
    {
        await InterfereOnceAsync();
        Writes++;
        return await inner.DeleteAsync(key, expectedModRevision, cancellationToken);
    }

    public Task<ListResult> ListAsync(ListOptions options, CancellationToken cancellationToken = default) => inner.ListAsync(options, cancellationToken);

    public IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long fromRevision, WatchOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.WatchAsync(prefix, fromRevision, options, cancellationToken);

    public Task CompactAsync(long revision, CancellationToken cancellationToken = default) => inner.CompactAsync(revision, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private async Task InterfereOnceAsync()
    {
        if (!_interfered)
        {
            _interfered = true;
            await interfere(inner);
        }
    }
}
