namespace Orchestrator.ApiServer.Handlers;

/// <summary>The paging and consistency parameters of a list, validated as upstream does.</summary>
internal sealed record ListQuery(int Limit, string? Continue, long? ResourceVersion, string? ResourceVersionMatch, bool AnyVersion = false)
{
    public static ListQuery FromQuery(IQueryCollection query)
    {
        var limit = QueryValues.Int64(query["limit"]) ?? 0;
        _ = QueryValues.Int64(query["timeoutSeconds"]); // a list honours no timeout, but ListOptions still decodes it: 400 when malformed
        if (limit < 0)
        {
            throw ApiErrors.BadRequest($"limit: Invalid value: \"{query["limit"]}\": must be a non-negative integer");
        }

        var match = query["resourceVersionMatch"].ToString() is { Length: > 0 } m ? m : null;
        if (match is not (null or "Exact" or "NotOlderThan"))
        {
            throw ApiErrors.BadRequest($"resourceVersionMatch: Unsupported value: \"{match}\": supported values: \"Exact\", \"NotOlderThan\"");
        }

        var rv = ParseResourceVersion(query["resourceVersion"].ToString());
        if (match is not null && rv is null)
        {
            throw ApiErrors.BadRequest("resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided");
        }

        var token = query["continue"].ToString() is { Length: > 0 } c ? c : null;
        if (token is not null && rv is > 0)
        {
            throw ApiErrors.BadRequest("specifying resource version is not allowed when using continue");
        }

        // A limit beyond any page this server could hold is the same as the largest page.
        return new ListQuery((int)Math.Min(limit, int.MaxValue), token, rv, match, query["resourceVersion"].ToString() == "0");
    }

    /// <summary>Null when absent or "0" ("any version", served from the newest).</summary>
    public static long? ParseResourceVersion(string text)
    {
        if (text.Length == 0 || text == "0")
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var rv) && rv > 0
            ? rv
            : throw ApiErrors.BadRequest($"resourceVersion: Invalid value: \"{text}\": must be a positive integer");
    }
}
