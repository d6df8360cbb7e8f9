using System.Runtime.CompilerServices;

namespace Orchestrator.ApiServer.Storage.Encryption;

/// <summary>
/// An <see cref="IStore"/> that encrypts the values under some key prefixes (Secrets by default) on
/// the way in and decrypts them on the way out, so the database file or etcd never holds them in
/// clear (upstream's EncryptionConfiguration for <c>secrets</c> with an aesgcm provider). Everything
/// above it sees plaintext; everything below only ciphertext.
/// </summary>
public sealed class EncryptingStore(IStore inner, AesGcmTransformer transformer, IReadOnlyList<string> prefixes) : IStore
{
    /// <summary>Upstream's usual choice: the Secrets.</summary>
    public static readonly IReadOnlyList<string> SecretsOnly = ["/registry/secrets/"];

    public ValueTask<long> GetCurrentRevisionAsync(CancellationToken cancellationToken = default) => inner.GetCurrentRevisionAsync(cancellationToken);

    public async Task<KeyValue?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        Open(await inner.GetAsync(key, cancellationToken));

    public async Task<KeyValue> CreateAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? ttl = null, CancellationToken cancellationToken = default) =>
        Open(await inner.CreateAsync(key, Seal(key, value), ttl, cancellationToken))!;

    public async Task<KeyValue> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, TimeSpan? ttl = null, CancellationToken cancellationToken = default) =>
        Open(await inner.UpdateAsync(key, Seal(key, value), expectedModRevision, ttl, cancellationToken))!;

    public async Task<KeyValue> DeleteAsync(string key, long? expectedModRevision = null, CancellationToken cancellationToken = default) =>
        Open(await inner.DeleteAsync(key, expectedModRevision, cancellationToken))!;

    public async Task<ListResult> ListAsync(ListOptions options, CancellationToken cancellationToken = default)
    {
        var result = await inner.ListAsync(options, cancellationToken);
        return result with { Items = [.. result.Items.Select(item => Open(item)!)] };
    }

    public async IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long fromRevision, WatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var change in inner.WatchAsync(prefix, fromRevision, options, cancellationToken))
        {
            yield return change with { Current = Open(change.Current), Previous = Open(change.Previous) };
        }
    }

    public Task CompactAsync(long revision, CancellationToken cancellationToken = default) => inner.CompactAsync(revision, cancellationToken);

    /// <summary>Disposes the inner store and the transformer (the store owns both).</summary>
    public ValueTask DisposeAsync()
    {
        transformer.Dispose();
        return inner.DisposeAsync();
    }

    private bool Encrypted(string key) => prefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal));

    private ReadOnlyMemory<byte> Seal(string key, ReadOnlyMemory<byte> value) =>
        Encrypted(key) ? transformer.Encrypt(key, value.Span) : value;

    private KeyValue? Open(KeyValue? stored) =>
        stored is not null && stored.Value.Length > 0 && Encrypted(stored.Key) ? stored with { Value = transformer.Decrypt(stored.Key, stored.Value) } : stored;
}
