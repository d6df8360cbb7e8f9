namespace Orchestrator.ApiServer.Handlers;

/// <summary>
/// Whether an Accept header allows an answer this server gives. Like upstream's negotiation, a media
/// range counts unless its q is 0; a wildcard (<c>*/*</c>, <c>application/*</c>) or one of
/// <see cref="MediaTypes"/> is acceptable whatever its parameters (<c>as=Table</c>, <c>g=</c>,
/// <c>stream=watch</c> are chosen between later, by the Table and discovery negotiation). An absent
/// Accept takes the default. Anything else is upstream's 406.
/// </summary>
internal static class AcceptNegotiation
{
    /// <summary>What upstream's resource and discovery endpoints list in their 406, in its order.</summary>
    public static readonly string[] MediaTypes = ["application/json", "application/yaml", Protobuf.KubernetesProtobuf.MediaType];

    /// <summary>A watch's: the media types with a stream serializer (YAML has none upstream).</summary>
    public static readonly string[] WatchMediaTypes = ["application/json;stream=watch", Protobuf.KubernetesProtobuf.MediaType + ";stream=watch"];

    private static readonly string[] WatchTypes = ["application/json", Protobuf.KubernetesProtobuf.MediaType];

    public static bool IsAcceptable(string? accept, bool watch = false)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return true;
        }

        foreach (var range in accept.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parameters = range.Split(';', StringSplitOptions.TrimEntries);
            if (Quality(parameters) > 0 && Matches(parameters[0], watch ? WatchTypes : MediaTypes))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>406 NotAcceptable unless <see cref="IsAcceptable"/>.</summary>
    public static void Require(string? accept, bool watch = false)
    {
        if (!IsAcceptable(accept, watch))
        {
            throw ApiErrors.NotAcceptable(watch ? WatchMediaTypes : MediaTypes);
        }
    }

    private static bool Matches(string mediaRange, string[] types) =>
        mediaRange.Equals("*/*", StringComparison.Ordinal)
        || mediaRange.Equals("*", StringComparison.Ordinal)
        || mediaRange.Equals("application/*", StringComparison.OrdinalIgnoreCase)
        || types.Any(t => t.Equals(mediaRange, StringComparison.OrdinalIgnoreCase));

    private static double Quality(string[] parameters)
    {
        foreach (var parameter in parameters.AsSpan(1))
        {
            var pair = parameter.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length == 2 && pair[0].Equals("q", StringComparison.OrdinalIgnoreCase))
            {
                return double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var q) ? q : 0;
            }
        }

        return 1;
    }
}
