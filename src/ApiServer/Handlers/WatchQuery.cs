using System.Globalization;
using Microsoft.AspNetCore.Http;
using Orchestrator.ApiServer.Errors;

namespace Orchestrator.ApiServer.Handlers;

/// <summary>The parameters of a watch request.</summary>
internal sealed record WatchQuery(long? ResourceVersion, TimeSpan? Timeout, bool Bookmarks, bool SendInitialEvents)
{
    public static WatchQuery FromQuery(IQueryCollection query)
    {
        var rv = ListQuery.ParseResourceVersion(query["resourceVersion"].ToString());
        TimeSpan? timeout = null;
        if (query["timeoutSeconds"].ToString() is { Length: > 0 } text)
        {
            timeout = long.TryParse(text, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
                ? TimeSpan.FromSeconds(seconds)
                : throw ApiErrors.BadRequest($"timeoutSeconds: Invalid value: \"{text}\": must be a non-negative integer");
        }

        var bookmarks = query["allowWatchBookmarks"].ToString() is "true" or "1";
        var initial = query["sendInitialEvents"].ToString() switch
        {
            "" or "false" => false,
            "true" => true,
            var other => throw ApiErrors.BadRequest($"sendInitialEvents: Invalid value: \"{other}\""),
        };
        if (initial && query["resourceVersionMatch"].ToString() != "NotOlderThan")
        {
            throw ApiErrors.BadRequest("resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan");
        }

        if (initial && !bookmarks)
        {
            throw ApiErrors.BadRequest("allowWatchBookmarks: Forbidden: sendInitialEvents requires setting allowWatchBookmarks to true");
        }

        return new WatchQuery(rv, timeout, bookmarks, initial);
    }
}
