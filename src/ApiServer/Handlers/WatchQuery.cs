namespace Orchestrator.ApiServer.Handlers;

/// <summary>The parameters of a watch request.</summary>
internal sealed record WatchQuery(long? ResourceVersion, TimeSpan? Timeout, bool Bookmarks, bool SendInitialEvents)
{
    private const long MaxTimeoutSeconds = int.MaxValue / 1000;

    public static WatchQuery FromQuery(IQueryCollection query)
    {
        var rv = ListQuery.ParseResourceVersion(query["resourceVersion"].ToString());
        TimeSpan? timeout = QueryValues.Int64(query["timeoutSeconds"]) switch
        {
            null => null,
            < 0 => throw ApiErrors.BadRequest($"timeoutSeconds: Invalid value: \"{query["timeoutSeconds"]}\": must be a non-negative integer"),
            > MaxTimeoutSeconds => null, // longer than a timer can wait (24.8 days): no deadline at all
            var seconds => TimeSpan.FromSeconds(seconds.Value),
        };

        var bookmarks = QueryValues.Bool(query["allowWatchBookmarks"]) ?? false;
        var initial = QueryValues.Bool(query["sendInitialEvents"]) ?? false;
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
