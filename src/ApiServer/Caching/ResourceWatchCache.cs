namespace Orchestrator.ApiServer.Caching;

/// <summary>
/// The watch cache of one resource (kube-apiserver's cacher): one store list-then-watch keeps the
/// current objects and a window of recent events in memory; lists and watches are served from it,
/// so N watchers cost one store watch and a list costs no store read. Each object is serialized
/// once per change, not once per reader.
/// </summary>
internal sealed partial class ResourceWatchCache : IAsyncDisposable
{
    private const int WatcherBuffer = 10_000;

    private readonly IStore _store;
    private readonly ResourceDefinition _resource;
    private readonly ILogger _logger;
    private readonly string _prefix;
    private readonly Lock _gate = new();
    private readonly SortedSet<string> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CachedObject> _objects = new(StringComparer.Ordinal);
    private readonly EventRing _history;
    private readonly List<CacheSubscription> _subscriptions = [];
    private readonly List<(long Revision, TaskCompletionSource Done)> _waiters = [];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _revision;

    public ResourceWatchCache(IStore store, ResourceDefinition resource, ILogger logger, int historyCapacity = 10_000)
    {
        _store = store;
        _resource = resource;
        _logger = logger;
        _prefix = ObjectKeys.Collection(resource);
        _history = new EventRing(historyCapacity);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The revision up to which the cache has applied every change of this resource.</summary>
    public long Revision
    {
        get
        {
            lock (_gate)
            {
                return _revision;
            }
        }
    }

    /// <summary>The resource as storage metrics name it ("pods", "deployments.apps").</summary>
    public string QualifiedResource => _resource.QualifiedResource;

    /// <summary>How many objects the cache holds now (upstream's apiserver_storage_objects counts these).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _objects.Count;
            }
        }
    }

    public Task WaitReadyAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    /// <summary>True once the cache reached <paramref name="revision"/>, false if <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> WaitForRevisionAsync(long revision, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await WaitReadyAsync(cancellationToken);
        TaskCompletionSource done;
        lock (_gate)
        {
            if (_revision >= revision)
            {
                return true;
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((revision, done));
        }

        return await Task.WhenAny(done.Task, Task.Delay(timeout, cancellationToken)) == done.Task;
    }

    /// <summary>The cached object at <paramref name="key"/>, if the cache has it.</summary>
    public CachedObject? TryGet(string key)
    {
        lock (_gate)
        {
            return _objects.GetValueOrDefault(key);
        }
    }

    /// <summary>The objects under <paramref name="prefix"/> in key order, and the revision they are current at.</summary>
    public (List<CachedObject> Items, long Revision) List(string prefix)
    {
        lock (_gate)
        {
            return (Range(prefix), _revision);
        }
    }

    /// <summary>
    /// Starts a watch: with <paramref name="fromRevision"/> null, the current objects (as the
    /// snapshot) and every later change; otherwise every change after that revision, or
    /// <see cref="CacheExpiredException"/> when the window no longer reaches back that far.
    /// </summary>
    public CacheSubscription Subscribe(string prefix, long? fromRevision, out List<CachedObject> snapshot, out List<CachedEvent> backlog, out long startRevision)
    {
        lock (_gate)
        {
            snapshot = [];
            backlog = [];
            if (fromRevision is { } from)
            {
                if (from < _history.CompleteAfter)
                {
                    throw new CacheExpiredException(from, _history.CompleteAfter);
                }

                backlog = _history.After(from, prefix);
            }
            else
            {
                snapshot = Range(prefix);
            }

            startRevision = _revision;
            var subscription = new CacheSubscription(prefix, WatcherBuffer);
            _subscriptions.Add(subscription);
            return subscription;
        }
    }

    public void Unsubscribe(CacheSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Remove(subscription);
        }
    }

    /// <summary>The cache revision when the watcher has nothing pending (safe for a bookmark), else null.</summary>
    public long? CaughtUpRevision(CacheSubscription subscription)
    {
        lock (_gate)
        {
            return subscription.Events.Reader.Count == 0 ? _revision : null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        lock (_gate)
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Events.Writer.TryComplete();
            }

            _subscriptions.Clear();
        }

        _stop.Dispose();
    }

    private List<CachedObject> Range(string prefix)
    {
        var keys = prefix.Length == 0 ? _keys : _keys.GetViewBetween(prefix, prefix + char.MaxValue);
        var items = new List<CachedObject>(keys.Count);
        foreach (var key in keys)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                items.Add(_objects[key]);
            }
        }

        return items;
    }

    private CachedObject ToCached(string key, byte[] value, long revision) =>
        new(key, ResponseJson.FromStored(value, revision, _resource.Kind, _resource.ApiVersion), revision);
}
