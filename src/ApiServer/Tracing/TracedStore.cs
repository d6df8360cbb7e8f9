using System.Diagnostics;
using Orchestrator.ApiServer.Metrics.Prometheus;
using Orchestrator.Client.Tracing;
using Orchestrator.Store;

namespace Orchestrator.ApiServer.Tracing;

/// <summary>
/// A child span per store call inside a traced request (<c>Create store</c>, <c>Get store</c>, …; kube-apiserver's
/// etcd3 store names them <c>Create etcd3</c>) with the key, the resource type and the revision written or read.
/// Store calls outside a span (the watch caches' own lists and watches) start no trace; with tracing off a call
/// costs one check.
/// </summary>
internal sealed class TracedStore(IStore inner) : IStore
{
    public ValueTask<long> GetCurrentRevisionAsync(CancellationToken cancellationToken = default) => inner.GetCurrentRevisionAsync(cancellationToken);

    public Task<KeyValue?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        Traced ? TraceAsync("Get store", key, () => inner.GetAsync(key, cancellationToken), kv => kv?.ModRevision) : inner.GetAsync(key, cancellationToken);

    public Task<KeyValue> CreateAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? ttl = null, CancellationToken cancellationToken = default) =>
        Traced
            ? TraceAsync("Create store", key, () => inner.CreateAsync(key, value, ttl, cancellationToken), kv => kv.ModRevision)
            : inner.CreateAsync(key, value, ttl, cancellationToken);

    public Task<KeyValue> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, TimeSpan? ttl = null, CancellationToken cancellationToken = default) =>
        Traced
            ? TraceAsync("Update store", key, () => inner.UpdateAsync(key, value, expectedModRevision, ttl, cancellationToken), kv => kv.ModRevision)
            : inner.UpdateAsync(key, value, expectedModRevision, ttl, cancellationToken);

    public Task<KeyValue> DeleteAsync(string key, long? expectedModRevision = null, CancellationToken cancellationToken = default) =>
        Traced
            ? TraceAsync("Delete store", key, () => inner.DeleteAsync(key, expectedModRevision, cancellationToken), kv => kv.ModRevision)
            : inner.DeleteAsync(key, expectedModRevision, cancellationToken);

    public Task<ListResult> ListAsync(ListOptions options, CancellationToken cancellationToken = default) =>
        Traced ? TraceAsync("List store", options.Prefix, () => inner.ListAsync(options, cancellationToken), list => list.Revision) : inner.ListAsync(options, cancellationToken);

    public IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long fromRevision, WatchOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.WatchAsync(prefix, fromRevision, options, cancellationToken);

    public Task CompactAsync(long revision, CancellationToken cancellationToken = default) => inner.CompactAsync(revision, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    /// <summary>Only inside a sampled span: a store call never starts a trace of its own.</summary>
    private static bool Traced => Activity.Current is { Recorded: true } && TracingSources.ApiServer.HasListeners();

    // An async method: the span is Activity.Current inside it only, never in the caller's context after it returns.
    private static async Task<T> TraceAsync<T>(string name, string key, Func<Task<T>> call, Func<T, long?> revision)
    {
        using var span = TracingSources.ApiServer.StartActivity(name, ActivityKind.Internal);
        span?.SetTag("key", key);
        span?.SetTag("type", StoreKeys.TypeOf(key));
        try
        {
            var result = await call();
            if (span is not null && revision(result) is { } read)
            {
                span.SetTag("revision", read);
            }

            return result;
        }
        catch (Exception e) when (span is not null)
        {
            span.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }
}
