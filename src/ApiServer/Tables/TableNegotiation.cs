namespace Orchestrator.ApiServer.Tables;

/// <summary>
/// Decides from Accept whether a GET, LIST or WATCH answers with a meta.k8s.io Table, and reads
/// <c>includeObject</c>. kubectl's human-readable get sends
/// <c>application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json</c>.
/// The response Content-Type stays plain <c>application/json</c>, as kube-apiserver sends it.
/// </summary>
internal static class TableNegotiation
{
    public const string V1 = "meta.k8s.io/v1";
    public const string V1Beta1 = "meta.k8s.io/v1beta1";

    /// <summary>True when a Table media range is preferred over every plain-object alternative.</summary>
    public static bool WantsTable(string? accept) => ChooseTableVersion(accept) is not null;

    /// <summary>"meta.k8s.io/v1" or "meta.k8s.io/v1beta1", whichever Accept prefers; v1 when it names neither.</summary>
    public static string TableApiVersion(string? accept) => ChooseTableVersion(accept) ?? V1;

    /// <summary>
    /// The <c>includeObject</c> query parameter: absent or empty means Metadata. Values are
    /// case-sensitive, as upstream's are; anything else is a 400 BadRequest.
    /// </summary>
    public static IncludeObject ParseIncludeObject(string? value) => value switch
    {
        null or "" or "Metadata" => IncludeObject.Metadata,
        "None" => IncludeObject.None,
        "Object" => IncludeObject.Object,
        _ => throw ApiErrors.BadRequest($"unrecognized includeObject value: \"{value}\""),
    };

    /// <summary>
    /// Walks the media ranges from most to least preferred (by q, then by order): the first that
    /// is a Table decides for a Table, the first that is plain JSON (or a wildcard) decides against.
    /// Ranges this server cannot produce (protobuf, other <c>as=</c> kinds) are skipped.
    /// </summary>
    private static string? ChooseTableVersion(string? accept)
    {
        var ranges = (accept ?? "")
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select((range, index) => (Parameters: range.Split(';', StringSplitOptions.TrimEntries), Index: index))
            .Select(r => (r.Parameters, r.Index, Quality: Quality(r.Parameters)))
            .Where(r => r.Quality > 0)
            .OrderByDescending(r => r.Quality)
            .ThenBy(r => r.Index);

        foreach (var (parameters, _, _) in ranges)
        {
            var mediaType = parameters[0].ToLowerInvariant();
            var kind = Parameter(parameters, "as");
            if (kind is null)
            {
                if (mediaType is "application/json" or "application/*" or "*/*")
                {
                    return null;
                }

                continue;
            }

            if (mediaType == "application/json" && kind == "Table" && Parameter(parameters, "g") == "meta.k8s.io")
            {
                switch (Parameter(parameters, "v"))
                {
                    case "v1":
                        return V1;
                    case "v1beta1":
                        return V1Beta1;
                }
            }
        }

        return null;
    }

    private static double Quality(string[] parameters) =>
        Parameter(parameters, "q") is { } q && double.TryParse(q, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : 1.0;

    private static string? Parameter(string[] parameters, string name) =>
        parameters.Skip(1).Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries)).FirstOrDefault(p => p.Length == 2 && p[0] == name)?[1];
}
