namespace Orchestrator.ApiServer.Handlers;

/// <summary>
/// Watch, served from the resource's watch cache: newline-delimited JSON events over a chunked
/// response. Without a resourceVersion (or with "0") the current state comes first as ADDED
/// events; with one, only changes after it; one older than the cache's window ends in an ERROR
/// event carrying 410 Expired, as upstream's.
/// </summary>
internal sealed partial class ResourceHandler
{
    private static readonly TimeSpan BookmarkInterval = TimeSpan.FromSeconds(30);

    private async Task WatchAsync(HttpContext context, ResourceRequest request)
    {
        var filter = ObjectFilter.FromQuery(request.Resource, context.Request.Query);
        var query = WatchQuery.FromQuery(context.Request.Query);
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        if (query.Timeout is { } timeout)
        {
            lifetime.CancelAfter(timeout);
        }

        var cancellationToken = lifetime.Token;
        var resource = request.Resource;
        var cache = caches.For(resource);
        await cache.WaitReadyAsync(cancellationToken);
        if (query.ResourceVersion is { } wanted && !query.SendInitialEvents)
        {
            await cache.WaitForRevisionAsync(Math.Min(wanted, await store.GetCurrentRevisionAsync(cancellationToken)), TimeSpan.FromSeconds(3), cancellationToken);
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(cancellationToken);

        // The head goes out now, as upstream flushes it when a watch starts: a client that waits for it before reading
        // (kubectl wait on a condition already met) answers at once, not at the first event or bookmark.
        await context.Response.Body.FlushAsync(cancellationToken);
        var output = new WatchOutput(context.Response.BodyWriter.AsStream(), resource, TableRequest.From(context, time));

        CacheSubscription subscription;
        List<CachedObject> snapshot;
        List<CachedEvent> backlog;
        long delivered;
        try
        {
            var from = query.SendInitialEvents ? null : query.ResourceVersion;
            subscription = cache.Subscribe(ObjectKeys.ListPrefix(resource, request.Namespace), from, out snapshot, out backlog, out var start);
            delivered = from ?? start;
        }
        catch (CacheExpiredException e)
        {
            await output.WriteAsync("ERROR", ApiErrors.Expired(e.Message).ToStatus(), CancellationToken.None);
            return;
        }

        try
        {
            foreach (var item in snapshot.Where(filter.Matches))
            {
                await output.WriteAsync("ADDED", item, cancellationToken);
            }

            if (query.SendInitialEvents)
            {
                await output.WriteBookmarkAsync(delivered, initialEventsEnd: true, cancellationToken);
            }

            foreach (var change in backlog)
            {
                delivered = await output.WriteChangeAsync(filter, change, delivered, cancellationToken);
            }

            var feed = subscription.Events.Reader;
            while (true)
            {
                while (feed.TryRead(out var change))
                {
                    delivered = await output.WriteChangeAsync(filter, change, delivered, cancellationToken);
                }

                var ready = await WaitForEventAsync(feed, query.Bookmarks ? BookmarkInterval : Timeout.InfiniteTimeSpan, cancellationToken);
                if (ready == false)
                {
                    break;
                }

                if (ready is null && cache.CaughtUpRevision(subscription) is { } caughtUp && caughtUp > delivered)
                {
                    delivered = caughtUp;
                    await output.WriteBookmarkAsync(caughtUp, initialEventsEnd: false, cancellationToken);
                }
            }

            await feed.Completion;
        }
        catch (Exception e) when (e is CacheExpiredException or CacheWatcherTooSlowException)
        {
            await output.WriteAsync("ERROR", ApiErrors.Expired(e.Message).ToStatus(), CancellationToken.None);
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            // Timeout or client gone: the stream just ends, as upstream's does.
        }
        finally
        {
            cache.Unsubscribe(subscription);
        }
    }

    /// <summary>True when an event is ready, false when the feed ended, null when <paramref name="idle"/> passed quietly.</summary>
    private static async Task<bool?> WaitForEventAsync(System.Threading.Channels.ChannelReader<CachedEvent> feed, TimeSpan idle, CancellationToken cancellationToken)
    {
        if (idle == Timeout.InfiniteTimeSpan)
        {
            return await feed.WaitToReadAsync(cancellationToken);
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(idle);
        try
        {
            return await feed.WaitToReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
