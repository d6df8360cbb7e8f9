namespace Orchestrator.ApiServer.Metrics.Scraping;

/// <summary>
/// metrics-server's scrape loop inside the API server: every <see cref="MetricsOptions.Resolution"/> (first at start)
/// every Ready node's kubelet is asked for its resource metrics, all at once, each within
/// <see cref="MetricsOptions.ScrapeTimeout"/>; the round's points go to <see cref="MetricsStorage"/> together. A node
/// that fails is logged and missing from that round (its series start over when it answers again); one that keeps
/// failing is asked less often (<see cref="ScrapeBackoff"/>).
/// </summary>
internal sealed partial class MetricsScraper(
    WatchCacheSet caches,
    ResourceRegistry registry,
    KubeletMetricsClient client,
    KubeletTls tls,
    MetricsStorage storage,
    MetricsOptions options,
    TimeProvider time,
    ILogger<MetricsScraper> logger) : BackgroundService
{
    private readonly ScrapeBackoff _backoff = new();
    private long _round;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nodes = registry.Find("", "v1", "nodes") ?? throw new InvalidOperationException("nodes are not served");
        var cache = caches.For(nodes);
        try
        {
            await cache.WaitReadyAsync(stoppingToken);
            using var timer = new PeriodicTimer(options.Resolution, time);
            do
            {
                var ready = cache.List(ObjectKeys.ListPrefix(nodes, null)).Items.Select(i => i.Object).Where(IsReady).ToList();
                storage.Store(await ScrapeAsync(ready, stoppingToken));
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One round over <paramref name="nodes"/>: the points of those that answered in time.</summary>
    public async Task<MetricsBatch> ScrapeAsync(IReadOnlyList<JsonObject> nodes, CancellationToken cancellationToken)
    {
        var start = time.GetUtcNow();
        var round = _round++;
        _backoff.Retain(nodes.Select(n => Objects.ObjectMeta.Name(n) ?? "").ToHashSet(StringComparer.Ordinal));
        var asked = nodes.Where(n => _backoff.ShouldScrape(Objects.ObjectMeta.Name(n) ?? "", round)).ToList();
        var scrapes = await Task.WhenAll(asked.Select(node => ScrapeNodeAsync(node, start, round, cancellationToken)));
        var nodePoints = new Dictionary<string, MetricsPoint>(StringComparer.Ordinal);
        var podPoints = new Dictionary<PodKey, IReadOnlyDictionary<string, MetricsPoint>>();
        foreach (var (name, scrape) in scrapes.OfType<(string, NodeScrape)>())
        {
            if (scrape.Node is { } point)
            {
                nodePoints[name] = point;
            }

            foreach (var (pod, containers) in scrape.Pods)
            {
                podPoints.TryAdd(pod, containers);
            }
        }

        LogRound(logger, asked.Count, nodes.Count, nodePoints.Count, podPoints.Count, time.GetUtcNow() - start);
        return new MetricsBatch(nodePoints, podPoints);
    }

    private async Task<(string, NodeScrape)?> ScrapeNodeAsync(JsonObject node, DateTimeOffset start, long round, CancellationToken cancellationToken)
    {
        var name = Objects.ObjectMeta.Name(node) ?? "";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ScrapeTimeout);
        try
        {
            var kubelet = PodStreamTarget.Kubelet(node) with { Tls = tls.IfEnabled };
            var text = await client.GetAsync(kubelet, timeout.Token);
            var scrape = ResourceMetricsDecoder.Decode(text, start);
            Record(name, round, succeeded: true);
            return (name, scrape);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
        {
            // One kubelet down, slow or talking nonsense must not stop the others' metrics; said once, not every round.
            if (Record(name, round, succeeded: false) == 1)
            {
                LogScrapeFailed(logger, name, e);
            }
            else
            {
                LogScrapeStillFailing(logger, name, e.Message);
            }

            return null;
        }
    }

    private int Record(string node, long round, bool succeeded)
    {
        lock (_backoff)
        {
            return _backoff.Record(node, round, succeeded);
        }
    }

    private static bool IsReady(JsonObject node) =>
        (node["status"]?["conditions"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Any(c => c["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() == "True");
}
