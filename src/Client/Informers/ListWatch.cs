namespace Orchestrator.Client;

/// <summary>What one list or watch call asks for.</summary>
public sealed record ListWatchRequest(bool Watch, string? ResourceVersion, string? Continue, int? Limit, int? TimeoutSeconds, string? FieldSelector, string? LabelSelector);

/// <summary>
/// How an informer lists and watches one resource through the official client: a single typed
/// "list" call of <see cref="IKubernetes"/> serves both (with watch=true it streams events).
/// </summary>
public sealed class ListWatch<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Func<IKubernetes, ListWatchRequest, CancellationToken, Task<(IList<T> Items, V1ListMeta? Metadata)>> _list;
    private readonly Func<IKubernetes, ListWatchRequest, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType Type, T Object)>> _watch;

    private ListWatch(
        Func<IKubernetes, ListWatchRequest, CancellationToken, Task<(IList<T> Items, V1ListMeta? Metadata)>> list,
        Func<IKubernetes, ListWatchRequest, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType Type, T Object)>> watch)
    {
        _list = list;
        _watch = watch;
    }

    /// <summary>
    /// Builds one from the typed calls, e.g. <c>c.CoreV1.ListPodForAllNamespacesAsync(...)</c> and
    /// <c>c.CoreV1.WatchListPodForAllNamespacesAsync(...)</c>.
    /// </summary>
    public static ListWatch<T> Create<TList>(
        Func<IKubernetes, ListWatchRequest, CancellationToken, Task<TList>> list,
        Func<IKubernetes, ListWatchRequest, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> watch)
        where TList : IItems<T>, IMetadata<V1ListMeta>
    {
        ArgumentNullException.ThrowIfNull(list);
        return new ListWatch<T>(
            async (client, request, ct) =>
            {
                var body = await list(client, request, ct);
                return (body.Items, body.Metadata);
            },
            watch);
    }

    internal Task<(IList<T> Items, V1ListMeta? Metadata)> ListAsync(IKubernetes client, ListWatchRequest request, CancellationToken ct) => _list(client, request, ct);

    internal IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(IKubernetes client, ListWatchRequest request, Action<Exception> onError, CancellationToken ct) => _watch(client, request, onError, ct);
}
