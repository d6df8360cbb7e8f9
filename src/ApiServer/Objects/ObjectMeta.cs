namespace Orchestrator.ApiServer.Objects;

/// <summary>Typed reads of the metadata of a JSON object.</summary>
internal static class ObjectMeta
{
    public static string? Name(JsonObject obj) => Text(obj, "name");

    public static string? Namespace(JsonObject obj) => Text(obj, "namespace");

    public static string? ResourceVersion(JsonObject obj) => Text(obj, "resourceVersion");

    public static string? Uid(JsonObject obj) => Text(obj, "uid");

    public static bool IsDeleting(JsonObject obj) => obj["metadata"]?["deletionTimestamp"] is not null;

    public static IReadOnlyDictionary<string, string> Labels(JsonObject obj) => StringMap(obj["metadata"]?["labels"]);

    public static IReadOnlyList<string> Finalizers(JsonObject obj) =>
        obj["metadata"]?["finalizers"] is JsonArray finalizers ? [.. finalizers.Select(f => f?.GetValue<string>() ?? "")] : [];

    public static string Now(TimeProvider time) =>
        time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static void Set(JsonObject obj, string field, JsonNode? value) => StoredObject.Metadata(obj)[field] = value;

    /// <summary>
    /// Drops the empty lists and maps of metadata, as upstream's typed round trip does (they are
    /// all <c>omitempty</c>): <c>finalizers: []</c> is stored as no finalizers, so a JSON patch
    /// that adds at <c>/metadata/finalizers/-1</c> finds no such path, as upstream.
    /// </summary>
    public static void OmitEmpty(JsonObject obj)
    {
        if (obj["metadata"] is not JsonObject metadata)
        {
            return;
        }

        foreach (var field in OmitEmptyFields)
        {
            if (metadata[field] is JsonArray { Count: 0 } or JsonObject { Count: 0 })
            {
                metadata.Remove(field);
            }
        }
    }

    private static readonly string[] OmitEmptyFields = ["labels", "annotations", "finalizers", "ownerReferences", "managedFields"];

    public static IReadOnlyDictionary<string, string> StringMap(JsonNode? node)
    {
        if (node is not JsonObject map)
        {
            return new Dictionary<string, string>();
        }

        var result = new Dictionary<string, string>(map.Count, StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            result[key] = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";
        }

        return result;
    }

    private static string? Text(JsonObject obj, string field) =>
        obj["metadata"]?[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
