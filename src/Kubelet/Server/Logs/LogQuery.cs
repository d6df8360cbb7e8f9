namespace Orchestrator.Kubelet.Server.Logs;

/// <summary>
/// The query of <c>GET /containerLogs/{namespace}/{pod}/{container}</c>: upstream's PodLogOptions
/// (follow, tailLines — or the legacy <c>tail</c>, where "all" means everything —, sinceSeconds,
/// sinceTime, timestamps, previous, limitBytes), validated as upstream does (422 when invalid).
/// </summary>
internal static class LogQuery
{
    public static (LogOptions Options, bool Previous) Parse(IQueryCollection query, DateTimeOffset now)
    {
        var tailText = query["tail"].ToString();
        var tailLines = tailText.Length > 0
            ? tailText == "all" ? null : ParseTail(tailText)
            : QueryFlag.GetInt64(query, "tailLines");
        var sinceSeconds = QueryFlag.GetInt64(query, "sinceSeconds");
        var sinceTimeText = query["sinceTime"].ToString();
        var limitBytes = QueryFlag.GetInt64(query, "limitBytes");
        if (tailLines < 0)
        {
            throw Invalid("tailLines must be greater than or equal to 0");
        }

        if (limitBytes < 1)
        {
            throw Invalid("limitBytes must be greater than 0");
        }

        if (sinceSeconds is not null && sinceTimeText.Length > 0)
        {
            throw Invalid("at most one of `sinceTime` or `sinceSeconds` may be specified");
        }

        if (sinceSeconds < 1)
        {
            throw Invalid("sinceSeconds must be greater than 0");
        }

        DateTimeOffset? since = sinceSeconds is { } seconds ? now - TimeSpan.FromSeconds(seconds) : null;
        if (sinceTimeText.Length > 0)
        {
            since = DateTimeOffset.TryParse(sinceTimeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sinceTime)
                ? sinceTime
                : throw new StreamingRuntimeException(HttpStatusCode.BadRequest, $"invalid sinceTime {sinceTimeText}: want RFC 3339, e.g. 2026-01-02T15:04:05Z");
        }

        var options = new LogOptions(
            Follow: QueryFlag.Get(query, "follow"),
            TailLines: tailLines,
            Since: since,
            Timestamps: QueryFlag.Get(query, "timestamps"),
            LimitBytes: limitBytes);
        return (options, QueryFlag.Get(query, "previous"));
    }

    private static long ParseTail(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new StreamingRuntimeException(HttpStatusCode.BadRequest, $"invalid integer value {text} for query parameter tail");

    private static StreamingRuntimeException Invalid(string message) => new(HttpStatusCode.UnprocessableEntity, message);
}
