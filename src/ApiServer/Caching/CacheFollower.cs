namespace Orchestrator.ApiServer.Caching;

/// <summary>
/// Follows one watch cache for a part of the server that keeps its own view of a resource (the RBAC
/// policy, the Node authorizer's graph): the cache's objects each time a watch starts, then every later
/// change. A watch the cache drops (it re-listed, or this follower fell behind) starts again from a new
/// snapshot, so the view is rebuilt rather than left stale.
/// </summary>
internal static class CacheFollower
{
    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled or the cache stops with the server.</summary>
    /// <param name="onSnapshot">Called with the current objects when a watch starts (first, and after every restart).</param>
    /// <param name="onEvent">Called for each change after that snapshot, in order.</param>
    public static async Task FollowAsync(ResourceWatchCache cache, Action<List<CachedObject>> onSnapshot, Action<CachedEvent> onEvent, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await cache.WaitReadyAsync(cancellationToken);
                var subscription = cache.Subscribe("", null, out var snapshot, out _, out _);
                try
                {
                    onSnapshot(snapshot);
                    await foreach (var change in subscription.Events.Reader.ReadAllAsync(cancellationToken))
                    {
                        onEvent(change);
                    }

                    // Completed without an error: the cache is stopping with the server.
                    return;
                }
                finally
                {
                    cache.Unsubscribe(subscription);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is CacheExpiredException or CacheWatcherTooSlowException)
            {
                // Dropped by the cache: subscribe again, starting from a fresh snapshot.
            }
        }
    }
}
