using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orchestrator.ApiServer.Caching;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Storage;

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
            foreach (var item in snapshot.Where(i => filter.IsEmpty || filter.Matches(i.Object)))
            {
                await output.WriteAsync("ADDED", item, cancellationToken);
            }

            if (query.SendInitialEvents)
            {
                await output.WriteAsync("BOOKMARK", Bookmark(resource, delivered, initialEventsEnd: true), cancellationToken);
            }

            foreach (var change in backlog)
            {
                delivered = await WriteChangeAsync(output, filter, change, delivered, cancellationToken);
            }

            var feed = subscription.Events.Reader;
            while (true)
            {
                while (feed.TryRead(out var change))
                {
                    delivered = await WriteChangeAsync(output, filter, change, delivered, cancellationToken);
                }

                var ready = await WaitForEventAsync(feed, query.Bookmarks ? BookmarkInterval : Timeout.InfiniteTimeSpan, cancellationToken);
                if (ready == false)
                {
                    break;
                }

                if (ready is null && cache.CaughtUpRevision(subscription) is { } caughtUp && caughtUp > delivered)
                {
                    delivered = caughtUp;
                    await output.WriteAsync("BOOKMARK", Bookmark(resource, caughtUp, initialEventsEnd: false), cancellationToken);
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

    /// <summary>
    /// Writes one change as this watcher sees it through its selectors: an object that starts
    /// matching is ADDED, one that stops matching is DELETED (upstream's filtered watch).
    /// </summary>
    private static async Task<long> WriteChangeAsync(WatchOutput output, ObjectFilter filter, CachedEvent change, long delivered, CancellationToken cancellationToken)
    {
        if (change.Revision <= delivered)
        {
            return delivered;
        }

        var nowMatches = filter.IsEmpty || filter.Matches(change.Object.Object);
        var type = change.Type;
        if (type == "MODIFIED" && !filter.IsEmpty)
        {
            var usedToMatch = change.Previous is null || filter.Matches(change.Previous.Object);
            type = (usedToMatch, nowMatches) switch
            {
                (false, true) => "ADDED",
                (true, false) => "DELETED",
                (true, true) => "MODIFIED",
                _ => "",
            };
            nowMatches = type.Length > 0;
        }

        if (nowMatches)
        {
            await output.WriteAsync(type, change.Object, cancellationToken);
        }

        return change.Revision;
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

    private static JsonObject Bookmark(Registry.ResourceDefinition resource, long revision, bool initialEventsEnd)
    {
        var metadata = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) };
        if (initialEventsEnd)
        {
            metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        return new JsonObject { ["kind"] = resource.Kind, ["apiVersion"] = resource.ApiVersion, ["metadata"] = metadata };
    }
}
