namespace Orchestrator.ApiServer.Caching;

/// <summary>The cache's one store list-then-watch, restarted from a fresh list if the store compacts past it.</summary>
internal sealed partial class ResourceWatchCache
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(100);

    private async Task RunAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                var revision = await LoadAsync(token);
                await foreach (var change in _store.WatchAsync(_prefix, revision, new WatchOptions { ProgressInterval = ProgressInterval }, token))
                {
                    Apply(change);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is StoreCompactedException or StoreWatchLaggedException)
            {
                LogRelist(_logger, _resource.QualifiedResource, e.Message);
            }
            catch (Exception e)
            {
                LogFailed(_logger, _resource.QualifiedResource, e);
                await Task.Delay(TimeSpan.FromSeconds(1), token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Lists everything at one revision and replaces the cache's state with it.</summary>
    private async Task<long> LoadAsync(CancellationToken cancellationToken)
    {
        var loaded = new List<CachedObject>();
        string? next = null;
        long revision = 0;
        do
        {
            var page = await _store.ListAsync(new ListOptions { Prefix = _prefix, Limit = 1000, Continue = next, AtRevision = revision > 0 ? revision : null }, cancellationToken);
            revision = page.Revision;
            loaded.AddRange(page.Items.Select(i => ToCached(i.Key, i.Value, i.ModRevision)));
            next = page.Continue;
        }
        while (next is not null);

        lock (_gate)
        {
            // Watchers of the previous state may have missed changes: close them so their clients re-list.
            foreach (var subscription in _subscriptions)
            {
                subscription.Events.Writer.TryComplete(new CacheExpiredException(revision, revision));
            }

            _subscriptions.Clear();
            _keys.Clear();
            _objects.Clear();
            foreach (var item in loaded)
            {
                _keys.Add(item.Key);
                _objects[item.Key] = item;
            }

            _history.Reset(revision);
            _revision = revision;
            ReleaseWaiters();
        }

        _ready.TrySetResult();
        return revision;
    }

    private void Apply(WatchEvent change)
    {
        if (change.Type == WatchEventType.Progress)
        {
            lock (_gate)
            {
                _revision = Math.Max(_revision, change.Revision);
                ReleaseWaiters();
            }

            return;
        }

        var current = change.Current!;
        var cached = ToCached(current.Key, current.Value, change.Revision);
        lock (_gate)
        {
            _objects.TryGetValue(current.Key, out var previous);
            string type;
            if (change.Type == WatchEventType.Deleted)
            {
                _keys.Remove(current.Key);
                _objects.Remove(current.Key);
                type = "DELETED";
            }
            else
            {
                _keys.Add(current.Key);
                _objects[current.Key] = cached;
                type = previous is null ? "ADDED" : "MODIFIED";
            }

            var cachedEvent = new CachedEvent(type, cached, previous);
            _history.Add(cachedEvent);
            _revision = change.Revision;
            for (var i = _subscriptions.Count - 1; i >= 0; i--)
            {
                if (!_subscriptions[i].Offer(cachedEvent))
                {
                    _subscriptions.RemoveAt(i);
                }
            }

            ReleaseWaiters();
        }
    }

    private void ReleaseWaiters()
    {
        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            if (_waiters[i].Revision <= _revision)
            {
                _waiters[i].Done.TrySetResult();
                _waiters.RemoveAt(i);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "watch cache of {Resource} re-lists: {Reason}")]
    private static partial void LogRelist(ILogger logger, string resource, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "watch cache of {Resource} failed; retrying")]
    private static partial void LogFailed(ILogger logger, string resource, Exception exception);
}
