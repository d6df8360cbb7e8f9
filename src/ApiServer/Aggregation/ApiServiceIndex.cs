using System.Collections.Immutable;

namespace Orchestrator.ApiServer.Aggregation;

/// <summary>
/// The APIServices as the aggregator routes by them, kept from the apiservices watch cache (no store read per
/// request): an immutable snapshot swapped on every change, so a request reads one consistent view with a volatile
/// read. <see cref="Changed"/> names each APIService that was added, modified or deleted (and every one on a
/// re-list), for the availability controller and the discovery cache; handlers must not block. Thread-safe.
/// </summary>
internal sealed class ApiServiceIndex : IAsyncDisposable
{
    public const string Group = "apiregistration.k8s.io";

    private readonly ResourceWatchCache _cache;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _follow;
    private ImmutableDictionary<string, ApiServiceEntry> _byName = ImmutableDictionary<string, ApiServiceEntry>.Empty;

    public ApiServiceIndex(WatchCacheSet caches, ResourceRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(caches);
        ArgumentNullException.ThrowIfNull(registry);
        Resource = registry.Find(Group, "v1", "apiservices") ?? throw new InvalidOperationException("apiservices.apiregistration.k8s.io is not registered");
        _cache = caches.For(Resource);
        _follow = Task.Run(() => CacheFollower.FollowAsync(_cache, Replace, Apply, _stop.Token));
    }

    /// <summary>Raised with an APIService's name after the snapshot changed for it.</summary>
    public event Action<string>? Changed;

    public ResourceDefinition Resource { get; }

    /// <summary>Every APIService, keyed by name.</summary>
    public IReadOnlyDictionary<string, ApiServiceEntry> All => Volatile.Read(ref _byName);

    /// <summary>The APIService serving <paramref name="group"/>/<paramref name="version"/> (its name is version.group), or null.</summary>
    public ApiServiceEntry? Find(string group, string version) =>
        All.TryGetValue(version + "." + group, out var entry) && entry.Group == group && entry.Version == version ? entry : null;

    public Task WaitReadyAsync(CancellationToken cancellationToken) => _cache.WaitReadyAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _follow.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private void Replace(List<CachedObject> snapshot)
    {
        var previous = All;
        var next = snapshot.Select(o => ApiServiceEntry.From(o.Object)).ToImmutableDictionary(e => e.Name, StringComparer.Ordinal);
        Volatile.Write(ref _byName, next);
        foreach (var name in previous.Keys.Union(next.Keys))
        {
            Changed?.Invoke(name);
        }
    }

    private void Apply(CachedEvent change)
    {
        var entry = ApiServiceEntry.From(change.Object.Object);
        // One follower writes; readers only swap in whole snapshots.
        var current = Volatile.Read(ref _byName);
        var next = change.Type == "DELETED" ? current.Remove(entry.Name) : current.SetItem(entry.Name, entry);
        Volatile.Write(ref _byName, next);
        Changed?.Invoke(entry.Name);
    }
}
