namespace Orchestrator.ApiServer.Metrics.Prometheus;

/// <summary>
/// Sets <c>apiserver_storage_objects{resource}</c> from the watch caches just before each scrape
/// (upstream counts the objects in etcd every minute; the caches hold the same objects, and counting
/// them costs nothing between scrapes). The caches of the server started last are the ones counted.
/// </summary>
internal static class StorageObjectsGauge
{
    private static readonly Lock Gate = new();
    private static WatchCacheSet? _caches;
    private static bool _registered;

    public static void Track(WatchCacheSet caches)
    {
        lock (Gate)
        {
            _caches = caches;
            if (!_registered)
            {
                global::Prometheus.Metrics.DefaultRegistry.AddBeforeCollectCallback(Update);
                _registered = true;
            }
        }
    }

    public static void Untrack(WatchCacheSet caches)
    {
        lock (Gate)
        {
            if (ReferenceEquals(_caches, caches))
            {
                _caches = null;
            }
        }
    }

    private static void Update()
    {
        WatchCacheSet? caches;
        lock (Gate)
        {
            caches = _caches;
        }

        if (caches is null)
        {
            return;
        }

        foreach (var cache in caches.Started)
        {
            ApiServerMetrics.StorageObjects.WithLabels(cache.QualifiedResource).Set(cache.Count);
        }
    }
}
