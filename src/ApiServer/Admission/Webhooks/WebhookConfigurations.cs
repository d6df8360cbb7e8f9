namespace Orchestrator.ApiServer.Admission.Webhooks;

/// <summary>
/// The webhooks of every Validating- and MutatingWebhookConfiguration, kept from the watch caches
/// (<see cref="CacheFollower"/>): each change re-parses that configuration and publishes a new immutable
/// list, ordered by configuration name then position, as upstream's configuration managers do. Readers
/// take the current list without locking. Following starts with the first write that asks (<see cref="WaitLoaded"/>).
/// </summary>
internal sealed class WebhookConfigurations : IWebhookSource, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Lazy<Task[]> _follows;
    private readonly Kind _mutating = new(true);
    private readonly Kind _validating = new(false);

    public WebhookConfigurations(WatchCacheSet caches, ResourceRegistry registry)
    {
        var mutating = caches.For(registry.Find("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations") ?? throw new InvalidOperationException("mutatingwebhookconfigurations are not served"));
        var validating = caches.For(registry.Find("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations") ?? throw new InvalidOperationException("validatingwebhookconfigurations are not served"));
        _follows = new Lazy<Task[]>(() =>
        [
            Task.Run(() => CacheFollower.FollowAsync(mutating, _mutating.Replace, _mutating.Apply, _stop.Token)),
            Task.Run(() => CacheFollower.FollowAsync(validating, _validating.Replace, _validating.Apply, _stop.Token)),
        ]);
    }

    public IReadOnlyList<WebhookDefinition> Mutating => _mutating.Current;

    public IReadOnlyList<WebhookDefinition> Validating => _validating.Current;

    public bool WaitLoaded(TimeSpan timeout)
    {
        if (_mutating.Loaded.IsCompleted && _validating.Loaded.IsCompleted)
        {
            return true;
        }

        _ = _follows.Value;
        return Task.WhenAll(_mutating.Loaded, _validating.Loaded).Wait(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_follows.IsValueCreated)
        {
            await Task.WhenAll(_follows.Value).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        _stop.Dispose();
    }

    /// <summary>One kind's configurations by name, and the flattened list published from them.</summary>
    private sealed class Kind(bool mutating)
    {
        private readonly Lock _gate = new();
        private readonly SortedDictionary<string, WebhookDefinition[]> _byName = new(StringComparer.Ordinal);
        private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile WebhookDefinition[] _current = [];

        public WebhookDefinition[] Current => _current;

        public Task Loaded => _loaded.Task;

        public void Replace(List<CachedObject> snapshot)
        {
            lock (_gate)
            {
                _byName.Clear();
                foreach (var item in snapshot)
                {
                    Put(item);
                }

                Publish();
            }

            _loaded.TrySetResult();
        }

        public void Apply(CachedEvent change)
        {
            lock (_gate)
            {
                if (change.Type == "DELETED")
                {
                    _byName.Remove(Name(change.Object));
                }
                else
                {
                    Put(change.Object);
                }

                Publish();
            }
        }

        private static string Name(CachedObject item) => Tables.JsonFields.String(item.Object, "metadata", "name");

        private void Put(CachedObject item) => _byName[Name(item)] = [.. WebhookDefinition.Parse(item.Object, mutating)];

        private void Publish() => _current = [.. _byName.Values.SelectMany(w => w)];
    }
}
