namespace Orchestrator.Kubelet.Volumes.Sources;

/// <summary>
/// Upstream's watch-based object cache (pkg/kubelet/util/manager, configMapAndSecretChangeDetectionStrategy
/// Watch) for one kind: every object some pod references has its own <see cref="SingleObjectInformer{T}"/>
/// (list and watch of its namespace with <c>fieldSelector=metadata.name=NAME</c>, the only list and watch
/// the Node authorizer grants a kubelet), started by the first reference and stopped with the last.
/// <see cref="Get"/> answers from that cache; an immutable object is watched no more once read.
/// A change after the first list calls <c>changed</c> with the uid of every referencing pod.
/// Thread-safe.
/// </summary>
internal sealed partial class WatchedObjects<T> : IAsyncDisposable
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>How long <see cref="WaitForSyncAsync"/> waits for first lists unless told otherwise (upstream's Get polls for 1 s).</summary>
    public static readonly TimeSpan DefaultSyncTimeout = TimeSpan.FromSeconds(1);

    private readonly IKubernetes _client;
    private readonly Func<string, ListWatch<T>> _inNamespace;
    private readonly Func<T, bool> _isImmutable;
    private readonly string _resource;
    private readonly Action<string> _changed;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggers;
    private readonly TimeProvider _time;
    private readonly TimeSpan _syncTimeout;
    private readonly Lock _lock = new();
    private readonly Dictionary<NamespacedName, WatchedObject<T>> _items = [];
    private readonly List<Task> _stopping = [];
    private bool _disposed;

    /// <param name="client">The kubelet's client.</param>
    /// <param name="inNamespace">The list and watch calls of one namespace (<see cref="NamespacedListWatches"/>).</param>
    /// <param name="isImmutable">Whether an object is immutable (<c>immutable: true</c>).</param>
    /// <param name="resource">The resource, plural ("secrets"), for messages.</param>
    /// <param name="changed">Called with a pod uid when an object it references changed; must only enqueue.</param>
    /// <param name="loggers">The loggers.</param>
    /// <param name="time">The clock of back-offs and sync waits.</param>
    /// <param name="syncTimeout">How long <see cref="WaitForSyncAsync"/> waits; <see cref="DefaultSyncTimeout"/> when null.</param>
    public WatchedObjects(IKubernetes client, Func<string, ListWatch<T>> inNamespace, Func<T, bool> isImmutable, string resource, Action<string> changed, ILoggerFactory loggers, TimeProvider time, TimeSpan? syncTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        (_client, _inNamespace, _isImmutable, _resource, _changed, _time) = (client, inNamespace, isImmutable, resource, changed, time);
        _syncTimeout = syncTimeout ?? DefaultSyncTimeout;
        _logger = loggers.CreateLogger<WatchedObjects<T>>();
        _loggers = loggers;
    }

    /// <summary>The objects some pod references (watched or, immutable, not).</summary>
    public IReadOnlyList<NamespacedName> Referenced
    {
        get
        {
            lock (_lock)
            {
                return [.. _items.Keys];
            }
        }
    }

    /// <summary>The objects whose watch runs now.</summary>
    public IReadOnlyList<NamespacedName> Watching
    {
        get
        {
            lock (_lock)
            {
                return [.. _items.Where(p => p.Value.Informer.IsWatching).Select(p => p.Key)];
            }
        }
    }

    /// <summary>One more reference of <paramref name="podUid"/> to <paramref name="key"/>; the first starts its watch. Never blocks on the network.</summary>
    public void AddReference(NamespacedName key, string podUid)
    {
        lock (_lock)
        {
            if (!_items.TryGetValue(key, out var item))
            {
                item = new WatchedObject<T>(new SingleObjectInformer<T>(_client, _inNamespace(key.Namespace), key, _loggers.CreateLogger<SingleObjectInformer<T>>(), _time));
                item.Informer.AddHandler(Handler(item));
                _items[key] = item;
                if (!_disposed)
                {
                    item.Informer.Start();
                    LogStarted(_resource, key.Namespace, key.Name);
                }
            }

            item.References[podUid] = item.References.GetValueOrDefault(podUid) + 1;
        }
    }

    /// <summary>One reference fewer; the last stops the watch and forgets the object. Unknown references are ignored.</summary>
    public void DeleteReference(NamespacedName key, string podUid)
    {
        lock (_lock)
        {
            if (!_items.TryGetValue(key, out var item) || !item.References.TryGetValue(podUid, out var count))
            {
                return;
            }

            if (count > 1)
            {
                item.References[podUid] = count - 1;
                return;
            }

            item.References.Remove(podUid);
            if (item.References.Count == 0)
            {
                _items.Remove(key);
                _stopping.RemoveAll(t => t.IsCompleted);
                _stopping.Add(item.Informer.DisposeAsync().AsTask());
                LogStopped(_resource, key.Namespace, key.Name);
            }
        }
    }

    /// <summary>Waits until every registered one of <paramref name="keys"/> has had its first list, for at most the sync timeout (then <see cref="Get"/> reports them unsynced).</summary>
    public async Task WaitForSyncAsync(IEnumerable<NamespacedName> keys, CancellationToken ct)
    {
        List<Task> pending;
        lock (_lock)
        {
            pending = [.. keys.Select(k => _items.GetValueOrDefault(k)).OfType<WatchedObject<T>>().Where(i => !i.Informer.HasSynced).Select(i => i.Informer.WaitForSyncAsync(ct))];
        }

        try
        {
            await Task.WhenAll(pending).WaitAsync(_syncTimeout, _time, ct);
        }
        catch (TimeoutException)
        {
            // Get says which are not synced; the pod's sync fails and is retried.
        }
    }

    /// <summary>The object from its watch; null when it does not exist.</summary>
    /// <exception cref="VolumeSetupException">No pod registered it, or its first list has not come in.</exception>
    public T? Get(NamespacedName key)
    {
        WatchedObject<T>? item;
        lock (_lock)
        {
            item = _items.GetValueOrDefault(key);
        }

        if (item is null)
        {
            throw new VolumeSetupException($"object \"{key.Namespace}\"/\"{key.Name}\" not registered");
        }

        if (!item.Informer.HasSynced)
        {
            throw new VolumeSetupException($"failed to sync {_resource} cache: timed out waiting for the condition");
        }

        var obj = item.Informer.Current;
        if (obj is not null && _isImmutable(obj) && item.Informer.IsWatching)
        {
            // As upstream: an immutable object cannot change, so its watch is not needed any more; the
            // cached copy is served until the last referencing pod goes (even if the object is deleted).
            _ = item.Informer.Stop();
            LogImmutable(_resource, key.Namespace, key.Name);
        }

        return obj;
    }

    /// <summary>Stops every watch; later references start none.</summary>
    public async ValueTask DisposeAsync()
    {
        List<Task> stops;
        lock (_lock)
        {
            _disposed = true;
            stops = [.. _stopping, .. _items.Values.Select(i => i.Informer.DisposeAsync().AsTask())];
            _stopping.Clear();
        }

        await Task.WhenAll(stops);
    }

    private ResourceEventHandler<T> Handler(WatchedObject<T> item) => new(
        onAdd: _ => Changed(item),
        onUpdate: (old, updated) =>
        {
            if (old.Metadata?.ResourceVersion != updated.Metadata?.ResourceVersion)
            {
                Changed(item);
            }
        },
        onDelete: _ => Changed(item));

    private void Changed(WatchedObject<T> item)
    {
        if (!item.Informer.HasSynced)
        {
            return; // the first list: the pods that registered the object are in their sync and read it next
        }

        string[] pods;
        lock (_lock)
        {
            pods = [.. item.References.Keys];
        }

        foreach (var uid in pods)
        {
            _changed(uid);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Watching {Resource} {Namespace}/{Name}")]
    private partial void LogStarted(string resource, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stopped watching {Resource} {Namespace}/{Name}: no pod references it")]
    private partial void LogStopped(string resource, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stopped watching {Resource} {Namespace}/{Name}: it is immutable")]
    private partial void LogImmutable(string resource, string @namespace, string name);
}
