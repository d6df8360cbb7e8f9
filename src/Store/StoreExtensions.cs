namespace Orchestrator.Store;

/// <summary>Helpers built on the contract, shared by every backend.</summary>
public static class StoreExtensions
{
    /// <summary>
    /// Read-modify-write with retry on conflict (kube-apiserver's GuaranteedUpdate): applies
    /// <paramref name="update"/> to the current value and writes the result conditioned on the
    /// revision it read; on a conflict it retries from the value the conflict carried.
    /// <paramref name="update"/> may run several times and must not have side effects. It returns
    /// the new value; the current bytes unchanged write nothing (the current value is returned,
    /// as upstream skips a no-op write); null deletes the key (the delete's result is returned).
    /// Throws <see cref="StoreKeyNotFoundException"/> when the key is absent or goes away meanwhile.
    /// </summary>
    public static async Task<KeyValue> GuaranteedUpdateAsync(
        this IStore store,
        string key,
        Func<KeyValue, byte[]?> update,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(update);
        var current = await store.GetAsync(key, cancellationToken) ?? throw new StoreKeyNotFoundException(key);
        while (true)
        {
            try
            {
                return update(current) switch
                {
                    null => await store.DeleteAsync(key, current.ModRevision, cancellationToken),
                    var next when next.AsSpan().SequenceEqual(current.Value) => current,
                    var next => await store.UpdateAsync(key, next, current.ModRevision, null, cancellationToken),
                };
            }
            catch (StoreConflictException conflict)
            {
                current = conflict.Current;
            }
        }
    }
}
