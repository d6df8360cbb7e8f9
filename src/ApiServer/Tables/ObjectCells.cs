namespace Orchestrator.ApiServer.Tables;

/// <summary>Cell values every printer computes the same way.</summary>
internal static class ObjectCells
{
    public static string Name(JsonObject obj) => obj.String("metadata", "name");

    public static string Age(JsonObject obj, DateTimeOffset now) =>
        HumanDuration.Since(obj.Time("metadata", "creationTimestamp"), now);

    public static bool IsDeleting(JsonObject obj) => obj.At("metadata", "deletionTimestamp") is not null;

    /// <summary>The first three items joined by commas, then " + N more..." for the rest (formatEndpoints, formatEndpointSlice).</summary>
    public static string FirstThree(IReadOnlyList<string> items)
    {
        const int Shown = 3;
        var text = string.Join(",", items.Take(Shown));
        return items.Count > Shown ? $"{text} + {items.Count - Shown} more..." : text;
    }
}
