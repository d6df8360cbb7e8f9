namespace Orchestrator.ApiServer.Tables;

/// <summary>
/// Tolerant reads from stored objects: a missing field, or one of the wrong JSON type, reads as
/// absent, so a printer never throws on data that validation let through.
/// </summary>
internal static class JsonFields
{
    public static JsonNode? At(this JsonNode? node, params string[] path)
    {
        foreach (var name in path)
        {
            node = node is JsonObject obj ? obj[name] : null;
        }

        return node;
    }

    public static string? StringOrNull(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static string String(this JsonNode? node, params string[] path) => node.StringOrNull(path) ?? "";

    public static long? LongOrNull(this JsonNode? node, params string[] path)
    {
        if (node.At(path) is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        var text = value.ToJsonString();
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole)
            ? whole
            : (long)double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public static long Long(this JsonNode? node, params string[] path) => node.LongOrNull(path) ?? 0;

    public static bool? BoolOrNull(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonValue value ? value.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        } : null;

    public static bool Bool(this JsonNode? node, params string[] path) => node.BoolOrNull(path) ?? false;

    /// <summary>The object elements of an array field (none when absent).</summary>
    public static IReadOnlyList<JsonObject> Objects(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonArray array ? array.OfType<JsonObject>().ToList() : [];

    /// <summary>The string elements of an array field (none when absent).</summary>
    public static IReadOnlyList<string> Strings(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonArray array
            ? array.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()).ToList()
            : [];

    /// <summary>The string-valued properties of a map field (labels, nodeSelector …), none when absent.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> StringMap(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonObject map
            ? map.Where(p => p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                .Select(p => KeyValuePair.Create(p.Key, p.Value!.GetValue<string>()))
                .ToList()
            : [];

    /// <summary>Entries of a map, or elements of an array; 0 when absent.</summary>
    public static int Count(this JsonNode? node, params string[] path) => node.At(path) switch
    {
        JsonObject obj => obj.Count,
        JsonArray array => array.Count,
        _ => 0,
    };

    /// <summary>
    /// An RFC 3339 timestamp (metav1.Time or MicroTime). Null when absent, unparsable, or Go's
    /// zero time, which upstream treats as unset.
    /// </summary>
    public static DateTimeOffset? Time(this JsonNode? node, params string[] path)
    {
        if (node.StringOrNull(path) is not { } text
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            || time.UtcDateTime == DateTime.MinValue)
        {
            return null;
        }

        return time;
    }

    /// <summary>An int-or-string field printed as upstream's IntOrString.String() does; null when absent.</summary>
    public static string? IntOrString(this JsonNode? node, params string[] path) =>
        node.StringOrNull(path) ?? node.LongOrNull(path)?.ToString(CultureInfo.InvariantCulture);
}
