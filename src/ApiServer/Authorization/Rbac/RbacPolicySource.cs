namespace Orchestrator.ApiServer.Authorization.Rbac;

/// <summary>
/// The current <see cref="RbacPolicy"/>, kept from the watch caches of the four RBAC kinds (no store
/// read per request): a watch on each marks the policy stale on any change, and the next decision
/// rebuilds it once from the caches. Steady state costs one volatile read. Thread-safe.
/// </summary>
internal sealed class RbacPolicySource : IAsyncDisposable
{
    public const string Group = "rbac.authorization.k8s.io";

    private readonly ResourceWatchCache[] _caches;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _watches;
    private RbacPolicy _policy = RbacPolicy.Empty;
    private int _stale = 1;

    public RbacPolicySource(WatchCacheSet caches, ResourceRegistry registry)
    {
        _caches = [.. new[] { "roles", "clusterroles", "rolebindings", "clusterrolebindings" }
            .Select(plural => caches.For(registry.Find(Group, "v1", plural) ?? throw new InvalidOperationException($"{plural}.{Group} is not registered")))];
        // Any snapshot or change of any of the four kinds marks the policy stale.
        _watches = [.. _caches.Select(cache => Task.Run(() => CacheFollower.FollowAsync(cache, _ => MarkStale(), _ => MarkStale(), _stop.Token)))];
    }

    /// <summary>The policy as of the caches' latest state (rebuilt here when they changed since the last call).</summary>
    public RbacPolicy Current
    {
        get
        {
            if (Volatile.Read(ref _stale) == 0)
            {
                return Volatile.Read(ref _policy);
            }

            lock (_gate)
            {
                // Cleared before reading, so a change that lands while building marks it stale again.
                if (Interlocked.Exchange(ref _stale, 0) != 0)
                {
                    var lists = _caches.Select(c => c.List("").Items.Select(o => o.Object)).ToArray();
                    Volatile.Write(ref _policy, RbacPolicyBuilder.Build(lists[0], lists[1], lists[2], lists[3]));
                }

                return _policy;
            }
        }
    }

    /// <summary>Completes once every RBAC cache has loaded, so the first decisions see the stored policy.</summary>
    public Task WaitReadyAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_caches.Select(c => c.WaitReadyAsync(cancellationToken)));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_watches).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private void MarkStale() => Volatile.Write(ref _stale, 1);
}
