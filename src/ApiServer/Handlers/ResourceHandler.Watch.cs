using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Storage;
using Orchestrator.Store;

namespace Orchestrator.ApiServer.Handlers;

/// <summary>
/// Watch: newline-delimited JSON events over a chunked response. Without a resourceVersion (or
/// with "0") the current state comes first as ADDED events, then changes; with one, only changes
/// after it; a compacted one ends in an ERROR event carrying 410 Expired.
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
        var prefix = ObjectKeys.ListPrefix(resource, request.Namespace);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(cancellationToken);
        var output = context.Response.BodyWriter.AsStream();

        try
        {
            long from;
            if (query.ResourceVersion is { } rv && !query.SendInitialEvents)
            {
                from = rv;
            }
            else
            {
                var (items, revision, _) = await ListObjectsAsync(request, filter, new ListQuery(0, null, null, null), cancellationToken);
                foreach (var item in items)
                {
                    await WriteEventAsync(output, "ADDED", WithTypeMeta(resource, item), cancellationToken);
                }

                from = revision;
                if (query.SendInitialEvents)
                {
                    await WriteEventAsync(output, "BOOKMARK", Bookmark(resource, from, initialEventsEnd: true), cancellationToken);
                }
            }

            var options = query.Bookmarks ? new WatchOptions { ProgressInterval = BookmarkInterval } : null;
            await foreach (var change in store.WatchAsync(prefix, from, options, cancellationToken))
            {
                if (Translate(resource, filter, change) is { } watchEvent)
                {
                    await WriteEventAsync(output, watchEvent.Type, watchEvent.Object, cancellationToken);
                }
            }
        }
        catch (StoreCompactedException e)
        {
            var expired = ApiErrors.Expired($"too old resource version: {e.RequestedRevision} ({e.CompactRevision})");
            await WriteEventAsync(output, "ERROR", expired.ToStatus(), CancellationToken.None);
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            // Timeout or client gone: the stream just ends, as upstream's does.
        }
    }

    /// <summary>
    /// Turns a store change into a watch event for this watcher's selectors: an object that starts
    /// matching is ADDED, one that stops matching is DELETED (upstream's filtered watch).
    /// </summary>
    private static (string Type, JsonObject Object)? Translate(Registry.ResourceDefinition resource, ObjectFilter filter, WatchEvent change)
    {
        if (change.Type == WatchEventType.Progress)
        {
            return ("BOOKMARK", Bookmark(resource, change.Revision, initialEventsEnd: false));
        }

        var current = WithTypeMeta(resource, StoredObject.Decode(change.Current!.Value, change.Revision));
        var nowMatches = filter.Matches(current);
        switch (change.Type)
        {
            case WatchEventType.Created:
                return nowMatches ? ("ADDED", current) : null;
            case WatchEventType.Deleted:
                return nowMatches ? ("DELETED", current) : null;
        }

        // Without the previous value (compacted away) assume it matched as the new one does.
        var usedToMatch = change.Previous is { } previous
            ? filter.Matches(StoredObject.Decode(previous.Value, previous.ModRevision))
            : nowMatches;
        return (usedToMatch, nowMatches) switch
        {
            (false, true) => ("ADDED", current),
            (true, true) => ("MODIFIED", current),
            (true, false) => ("DELETED", current),
            _ => null,
        };
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

    private static async Task WriteEventAsync(Stream output, string type, JsonObject obj, CancellationToken cancellationToken)
    {
        var payload = new JsonObject { ["type"] = type, ["object"] = obj };
        await using (var writer = new Utf8JsonWriter(output))
        {
            payload.WriteTo(writer);
        }

        output.WriteByte((byte)'\n');
        await output.FlushAsync(cancellationToken);
    }
}
