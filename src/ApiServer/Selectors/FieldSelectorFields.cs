namespace Orchestrator.ApiServer.Selectors;

/// <summary>
/// Builds a kind's <see cref="SelectableFields"/> (each strategy's <c>FieldSelectors</c>), read from the
/// stored JSON the way upstream's GetAttrs / ToSelectableFields compute them, with the errors of
/// upstream's field label conversion functions (pkg/apis/*/v1/conversion.go). Absent fields read as "",
/// booleans as "true"/"false", counters as their number.
/// </summary>
internal static class FieldSelectorFields
{
    /// <summary>Kinds upstream registers no conversion for: metadata.name and metadata.namespace only.</summary>
    public static readonly SelectableFields Default =
        new(Metadata(), label => $"{GoText.Quote(label)} is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");

    /// <summary>The error of most conversion functions for a label they do not know.</summary>
    public static string NotSupported(string label) => $"field label not supported: {label}";

    /// <summary>The fields, with metadata.name and metadata.namespace first.</summary>
    public static Dictionary<string, Func<JsonObject, string>> Metadata(params (string Label, Func<JsonObject, string> Read)[] fields) =>
        Fields([Field("metadata.name"), Field("metadata.namespace"), .. fields]);

    public static Dictionary<string, Func<JsonObject, string>> Fields(params (string Label, Func<JsonObject, string> Read)[] fields) =>
        fields.ToDictionary(f => f.Label, f => f.Read, StringComparer.Ordinal);

    /// <summary>The field at a dotted path, selected by that path; <paramref name="absent"/> when missing.</summary>
    public static (string Label, Func<JsonObject, string> Read) Field(string path, string absent = "") => (path, o => Text(o, path, absent));

    /// <summary>The fields of an ObjectReference under <paramref name="prefix"/> (events' involvedObject, regarding).</summary>
    public static IEnumerable<(string Label, Func<JsonObject, string> Read)> ObjectReference(string prefix) =>
        new[] { "kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath" }.Select(field => Field($"{prefix}.{field}"));

    /// <summary>The text at <paramref name="path"/>, or at <paramref name="fallbackPath"/> when that is empty.</summary>
    public static string FirstText(JsonObject obj, string path, string fallbackPath) =>
        Text(obj, path) is { Length: > 0 } value ? value : Text(obj, fallbackPath);

    /// <summary>The scalar at a dotted path as selector text; <paramref name="absent"/> when missing, null or not a scalar.</summary>
    public static string Text(JsonObject? obj, string path, string absent = "")
    {
        JsonNode? node = obj;
        foreach (var segment in path.Split('.'))
        {
            node = node is JsonObject map ? map[segment] : null;
        }

        return node?.GetValueKind() switch
        {
            JsonValueKind.String => node.GetValue<string>(),
            JsonValueKind.Number => node.ToJsonString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => absent,
        };
    }
}
