namespace Orchestrator.ApiServer.Metrics.Prometheus;

/// <summary>
/// Times every store call in <c>etcd_request_duration_seconds{operation,type}</c> as kube-apiserver's
/// etcd3 store does, for whichever backend is underneath. The type is the resource the key belongs to
/// (<c>/registry/pods/ns/name</c> → <c>pods</c>; a grouped resource, stored under its group, keeps the
/// resource segment the key gives it). A watch is counted when it is opened, not for its whole life.
/// </summary>
internal sealed class InstrumentedStore(IStore inner) : IStore
{
    private const int MaxCached = 4096;

    private static readonly ConcurrentDictionary<(string Operation, string Type), Histogram.Child> Children = new();

    public ValueTask<long> GetCurrentRevisionAsync(CancellationToken cancellationToken = default) => inner.GetCurrentRevisionAsync(cancellationToken);

    public Task<KeyValue?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        TimeAsync("get", key, inner.GetAsync(key, cancellationToken));

    public Task<KeyValue> CreateAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? ttl = null, CancellationToken cancellationToken = default) =>
        TimeAsync("create", key, inner.CreateAsync(key, value, ttl, cancellationToken));

    public Task<KeyValue> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, TimeSpan? ttl = null, CancellationToken cancellationToken = default) =>
        TimeAsync("update", key, inner.UpdateAsync(key, value, expectedModRevision, ttl, cancellationToken));

    public Task<KeyValue> DeleteAsync(string key, long? expectedModRevision = null, CancellationToken cancellationToken = default) =>
        TimeAsync("delete", key, inner.DeleteAsync(key, expectedModRevision, cancellationToken));

    public Task<ListResult> ListAsync(ListOptions options, CancellationToken cancellationToken = default) =>
        TimeAsync("list", options.Prefix, inner.ListAsync(options, cancellationToken));

    public IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long fromRevision, WatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        Duration("watch", StoreKeys.TypeOf(prefix)).Observe(0);
        return inner.WatchAsync(prefix, fromRevision, options, cancellationToken);
    }

    public Task CompactAsync(long revision, CancellationToken cancellationToken = default) => inner.CompactAsync(revision, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private static async Task<T> TimeAsync<T>(string operation, string key, Task<T> call)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await call;
        }
        finally
        {
            Duration(operation, StoreKeys.TypeOf(key)).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    // One child per operation and type, looked up once: prometheus-net's WithLabels builds and hashes a label
    // sequence under a lock on every call. Types are bounded by StoreKeys' own cache.
    private static Histogram.Child Duration(string operation, string type) =>
        Children.TryGetValue((operation, type), out var child)
            ? child
            : Children.Count < MaxCached ? Children.GetOrAdd((operation, type), static k => ApiServerMetrics.StoreRequestDuration.WithLabels(k.Item1, k.Item2))
            : ApiServerMetrics.StoreRequestDuration.WithLabels(operation, type);
}
