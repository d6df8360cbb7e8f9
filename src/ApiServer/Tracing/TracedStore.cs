using Orchestrator.ApiServer.Metrics.Prometheus;
using Orchestrator.Client.Tracing;

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
        Traced ? GetTracedAsync(key, cancellationToken) : inner.GetAsync(key, cancellationToken);

    public Task<KeyValue> CreateAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? ttl = null, CancellationToken cancellationToken = default) =>
        Traced ? CreateTracedAsync(key, value, ttl, cancellationToken) : inner.CreateAsync(key, value, ttl, cancellationToken);

    public Task<KeyValue> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, TimeSpan? ttl = null, CancellationToken cancellationToken = default) =>
        Traced ? UpdateTracedAsync(key, value, expectedModRevision, ttl, cancellationToken) : inner.UpdateAsync(key, value, expectedModRevision, ttl, cancellationToken);

    public Task<KeyValue> DeleteAsync(string key, long? expectedModRevision = null, CancellationToken cancellationToken = default) =>
        Traced ? DeleteTracedAsync(key, expectedModRevision, cancellationToken) : inner.DeleteAsync(key, expectedModRevision, cancellationToken);

    public Task<ListResult> ListAsync(ListOptions options, CancellationToken cancellationToken = default) =>
        Traced ? ListTracedAsync(options, cancellationToken) : inner.ListAsync(options, cancellationToken);

    public IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long fromRevision, WatchOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.WatchAsync(prefix, fromRevision, options, cancellationToken);

    public Task CompactAsync(long revision, CancellationToken cancellationToken = default) => inner.CompactAsync(revision, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    /// <summary>Only inside a sampled span: a store call never starts a trace of its own.</summary>
    private static bool Traced => Activity.Current is { Recorded: true } && TracingSources.ApiServer.HasListeners();

    // Async methods, one per call and no delegates (a sampled request pays for no closures): the span is
    // Activity.Current inside each only, never in the caller's context after it returns.
    private async Task<KeyValue?> GetTracedAsync(string key, CancellationToken cancellationToken)
    {
        using var span = Start("Get store", key);
        try
        {
            var kv = await inner.GetAsync(key, cancellationToken);
            Done(span, kv?.ModRevision);
            return kv;
        }
        catch (Exception e) when (Failed(span, e))
        {
            throw;
        }
    }

    private async Task<KeyValue> CreateTracedAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? ttl, CancellationToken cancellationToken)
    {
        using var span = Start("Create store", key);
        try
        {
            var kv = await inner.CreateAsync(key, value, ttl, cancellationToken);
            Done(span, kv.ModRevision);
            return kv;
        }
        catch (Exception e) when (Failed(span, e))
        {
            throw;
        }
    }

    private async Task<KeyValue> UpdateTracedAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, TimeSpan? ttl, CancellationToken cancellationToken)
    {
        using var span = Start("Update store", key);
        try
        {
            var kv = await inner.UpdateAsync(key, value, expectedModRevision, ttl, cancellationToken);
            Done(span, kv.ModRevision);
            return kv;
        }
        catch (Exception e) when (Failed(span, e))
        {
            throw;
        }
    }

    private async Task<KeyValue> DeleteTracedAsync(string key, long? expectedModRevision, CancellationToken cancellationToken)
    {
        using var span = Start("Delete store", key);
        try
        {
            var kv = await inner.DeleteAsync(key, expectedModRevision, cancellationToken);
            Done(span, kv.ModRevision);
            return kv;
        }
        catch (Exception e) when (Failed(span, e))
        {
            throw;
        }
    }

    private async Task<ListResult> ListTracedAsync(ListOptions options, CancellationToken cancellationToken)
    {
        using var span = Start("List store", options.Prefix);
        try
        {
            var list = await inner.ListAsync(options, cancellationToken);
            Done(span, list.Revision);
            return list;
        }
        catch (Exception e) when (Failed(span, e))
        {
            throw;
        }
    }

    private static Activity? Start(string name, string key)
    {
        var span = TracingSources.ApiServer.StartActivity(name, ActivityKind.Internal);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("key", key);
            span.SetTag("type", StoreKeys.TypeOf(key));
        }

        return span;
    }

    private static void Done(Activity? span, long? revision)
    {
        if (span is { IsAllDataRequested: true } && revision is { } read)
        {
            span.SetTag("revision", read);
        }
    }

    /// <summary>Marks the span failed; false, so the exception goes on unchanged.</summary>
    private static bool Failed(Activity? span, Exception e)
    {
        span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
        return false;
    }
}
