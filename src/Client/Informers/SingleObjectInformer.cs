using Orchestrator.ApiMachinery.Fields;

namespace Orchestrator.Client;

/// <summary>
/// One named object kept in sync: an <see cref="Informer{T}"/> over its namespace narrowed by
/// <c>fieldSelector=metadata.name=NAME</c> (client-go's single-object reflector of the kubelet's
/// watch-based secret and configMap managers), so it inherits the informer's resourceVersion
/// handling, relist on 410 Gone and back-off on errors. <see cref="Start"/> once;
/// <see cref="Stop"/> ends the watch and keeps the last state readable (an immutable object needs
/// no more). Thread-safe.
/// </summary>
public sealed class SingleObjectInformer<T> : IAsyncDisposable
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Informer<T> _informer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private Task? _running;

    /// <param name="client">The client.</param>
    /// <param name="inNamespace">The list and watch calls of <paramref name="key"/>'s namespace (<see cref="NamespacedListWatches"/>).</param>
    /// <param name="key">The object.</param>
    /// <param name="logger">The informer's logger.</param>
    /// <param name="time">The clock of back-offs; the system clock when null.</param>
    public SingleObjectInformer(IKubernetes client, ListWatch<T> inNamespace, NamespacedName key, ILogger logger, TimeProvider? time = null)
    {
        Key = key;
        _informer = new Informer<T>(client, inNamespace, logger, time, new InformerOptions { FieldSelector = FieldSelectorFor(key.Name) });
    }

    public NamespacedName Key { get; }

    /// <summary>True once the first list is in.</summary>
    public bool HasSynced => _informer.HasSynced;

    /// <summary>True between <see cref="Start"/> and <see cref="Stop"/>.</summary>
    public bool IsWatching
    {
        get
        {
            lock (_lock)
            {
                return _running is not null && !_stop.IsCancellationRequested;
            }
        }
    }

    /// <summary>The object as last seen; null when it does not exist (or before <see cref="HasSynced"/>).</summary>
    public T? Current => _informer.Cache.Get(Key);

    /// <summary>The list and watch selector for one name: <c>metadata.name=NAME</c>, escaped as upstream's fields.Set does.</summary>
    public static string FieldSelectorFor(string name) => "metadata.name=" + FieldSelector.Escape(name);

    /// <summary>Adds a change handler (see <see cref="IInformer{T}.AddHandler"/>).</summary>
    public void AddHandler(IResourceEventHandler<T> handler) => _informer.AddHandler(handler);

    /// <summary>Completes once the first list is in, or throws when <paramref name="ct"/> is cancelled.</summary>
    public Task WaitForSyncAsync(CancellationToken ct) => _informer.WaitForSyncAsync(ct);

    /// <summary>Starts listing and watching on the thread pool. Call once.</summary>
    public void Start()
    {
        lock (_lock)
        {
            if (_running is not null)
            {
                throw new InvalidOperationException($"the informer of {Key} was started already");
            }

            _running = Task.Run(() => _informer.RunAsync(_stop.Token), CancellationToken.None);
        }
    }

    /// <summary>Stops watching (idempotent); returns the ending run, which completes soon after.</summary>
    public Task Stop()
    {
        lock (_lock)
        {
            if (!_stop.IsCancellationRequested)
            {
                _stop.Cancel();
            }

            return _running ?? Task.CompletedTask;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Stop();
        _stop.Dispose();
    }
}
