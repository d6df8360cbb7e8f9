namespace Orchestrator.Client;

/// <summary>
/// client-go's reflector + shared informer in one: lists (paged, one snapshot), then watches from the
/// list's resourceVersion with bookmarks, re-watches from the last seen version when a watch ends,
/// relists when the server says the version is gone (410) and backs off on errors. Every change is
/// applied to the cache, then handed to the handlers in order.
/// </summary>
public sealed partial class Informer<T> : IInformer<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly IKubernetes _client;
    private readonly ListWatch<T> _listWatch;
    private readonly InformerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly IndexedCache<T> _cache = new();
    private readonly Lock _dispatchLock = new();
    private readonly List<IResourceEventHandler<T>> _handlers = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _resourceVersion;

    public Informer(IKubernetes client, ListWatch<T> listWatch, ILogger logger, TimeProvider? time = null, InformerOptions? options = null)
    {
        _client = client;
        _listWatch = listWatch;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _options = options ?? new InformerOptions();
    }

    public ICache<T> Cache => _cache;

    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>The resourceVersion the informer is up to date with (the last list, event or bookmark).</summary>
    public string? LastSyncResourceVersion => Volatile.Read(ref _resourceVersion);

    public void AddHandler(IResourceEventHandler<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_dispatchLock)
        {
            foreach (var item in _cache.List())
            {
                Deliver(handler, h => h.OnAdd(item));
            }

            _handlers.Add(handler);
        }
    }

    public Task WaitForSyncAsync(CancellationToken ct) => _synced.Task.WaitAsync(ct);

    /// <summary>Lists and watches until <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        using var resync = _options.ResyncPeriod > TimeSpan.Zero ? _time.CreateTimer(_ => Resync(), null, _options.ResyncPeriod, _options.ResyncPeriod) : null;
        var backoff = MinBackoff;
        var needList = true;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (needList)
                {
                    await ListAsync(ct);
                    needList = false;
                }

                var outcome = await WatchAsync(ct);
                if (outcome == WatchOutcome.Gone)
                {
                    needList = true;
                }

                if (outcome != WatchOutcome.Failed)
                {
                    backoff = MinBackoff;
                    continue;
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Gone)
            {
                LogGone(typeof(T).Name);
                needList = true;
                continue;
            }
            catch (Exception e)
            {
                LogFailed(e, typeof(T).Name, backoff);
            }

            try
            {
                await Task.Delay(backoff, _time, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
        }
    }

    private async Task ListAsync(CancellationToken ct)
    {
        var items = new List<T>();
        string? continueToken = null;
        string? resourceVersion;
        do
        {
            var request = new ListWatchRequest(false, null, continueToken, _options.PageSize, null, _options.FieldSelector, _options.LabelSelector);
            var (page, metadata) = await _listWatch.ListAsync(_client, request, ct);
            items.AddRange(page);
            resourceVersion = metadata?.ResourceVersion;
            continueToken = metadata?.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(continueToken));

        Replace(items);
        Volatile.Write(ref _resourceVersion, resourceVersion);
        _synced.TrySetResult();
    }

    private async Task<WatchOutcome> WatchAsync(CancellationToken ct)
    {
        Exception? error = null;
        var timeout = 300 + Random.Shared.Next(300); // spread re-watches like client-go's reflector
        var request = new ListWatchRequest(true, LastSyncResourceVersion, null, null, timeout, _options.FieldSelector, _options.LabelSelector);
        await foreach (var (type, obj) in _listWatch.WatchAsync(_client, request, e => error ??= e, ct))
        {
            Apply(type, obj);
        }

        return error switch
        {
            null => WatchOutcome.Ended,
            KubernetesException { Status.Code: (int)HttpStatusCode.Gone } => WatchOutcome.Gone,
            _ => LogWatchError(error),
        };
    }

    private WatchOutcome LogWatchError(Exception error)
    {
        LogFailed(error, typeof(T).Name, MinBackoff);
        return WatchOutcome.Failed;
    }

    private void Apply(WatchEventType type, T obj)
    {
        var rv = obj.Metadata?.ResourceVersion;
        lock (_dispatchLock)
        {
            switch (type)
            {
                case WatchEventType.Added or WatchEventType.Modified:
                    var old = _cache.Upsert(obj);
                    DeliverAll(old is null ? h => h.OnAdd(obj) : h => h.OnUpdate(old, obj));
                    break;
                case WatchEventType.Deleted:
                    var removed = _cache.Remove(NamespacedName.Of(obj));
                    DeliverAll(h => h.OnDelete(removed ?? obj));
                    break;
                default:
                    break; // bookmarks only move the resourceVersion
            }
        }

        if (!string.IsNullOrEmpty(rv))
        {
            Volatile.Write(ref _resourceVersion, rv);
        }
    }

    private void Replace(List<T> items)
    {
        lock (_dispatchLock)
        {
            var seen = new HashSet<NamespacedName>();
            foreach (var item in items)
            {
                seen.Add(NamespacedName.Of(item));
                var old = _cache.Upsert(item);
                if (old is null)
                {
                    DeliverAll(h => h.OnAdd(item));
                }
                else if (old.Metadata?.ResourceVersion != item.Metadata?.ResourceVersion)
                {
                    DeliverAll(h => h.OnUpdate(old, item));
                }
            }

            foreach (var stale in _cache.List())
            {
                var key = NamespacedName.Of(stale);
                if (!seen.Contains(key) && _cache.Remove(key) is { } removed)
                {
                    DeliverAll(h => h.OnDelete(removed));
                }
            }
        }
    }

    private void Resync()
    {
        lock (_dispatchLock)
        {
            foreach (var item in _cache.List())
            {
                DeliverAll(h => h.OnUpdate(item, item));
            }
        }
    }

    private void DeliverAll(Action<IResourceEventHandler<T>> call)
    {
        foreach (var handler in _handlers)
        {
            Deliver(handler, call);
        }
    }

    private void Deliver(IResourceEventHandler<T> handler, Action<IResourceEventHandler<T>> call)
    {
        try
        {
            call(handler);
        }
        catch (Exception e)
        {
            LogHandlerFailed(e, typeof(T).Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} informer: resourceVersion too old, relisting")]
    private partial void LogGone(string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} informer: list/watch failed, retrying in {Backoff}")]
    private partial void LogFailed(Exception e, string kind, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Kind} informer: an event handler threw")]
    private partial void LogHandlerFailed(Exception e, string kind);

    private enum WatchOutcome
    {
        Ended,
        Gone,
        Failed,
    }
}
