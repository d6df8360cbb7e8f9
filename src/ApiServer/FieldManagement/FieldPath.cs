using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.FieldManagement;

/// <summary>Path elements as managedFields writes them, and the path text conflicts print (<c>.spec.containers[name="a"].image</c>).</summary>
internal static class FieldPath
{
    public static string Field(string name) => "f:" + name;

    public static string Value(JsonNode? value) => "v:" + Json(value);

    /// <summary>A keyed list item: <c>k:{"name":"a"}</c>.</summary>
    public static string Key(string name, JsonNode value) => "k:{" + Json(name) + ":" + Json(value) + "}";

    /// <summary>A list item keyed by two fields: <c>k:{"containerPort":80,"protocol":"TCP"}</c>, key fields in name order.</summary>
    public static string Key(string name, JsonNode value, string otherName, JsonNode otherValue) =>
        string.CompareOrdinal(name, otherName) <= 0
            ? "k:{" + Json(name) + ":" + Json(value) + "," + Json(otherName) + ":" + Json(otherValue) + "}"
            : Key(otherName, otherValue, name, value);

    /// <summary>upstream's fieldpath.Path String(): <c>.spec.replicas</c>, <c>[name="a"]</c>, <c>[="v"]</c>.</summary>
    public static string Text(IEnumerable<string> path) => string.Concat(path.Select(Element));

    public static string Json(JsonNode? value) => value?.ToJsonString(JsonText.Options) ?? "null";

    public static string Json(string value) => JsonValue.Create(value).ToJsonString(JsonText.Options);

    /// <summary>The JSON in a path element; null when it is malformed (managedFields sent by a client may be).</summary>
    public static JsonNode? Parse(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string Element(string element)
    {
        if (element.StartsWith("f:", StringComparison.Ordinal))
        {
            return "." + element[2..];
        }

        if (element.StartsWith("v:", StringComparison.Ordinal))
        {
            return "[=" + element[2..] + "]";
        }

        if (element.StartsWith("k:", StringComparison.Ordinal) && Parse(element[2..]) is JsonObject keys)
        {
            return "[" + string.Join(",", keys.Select(k => $"{k.Key}={Json(k.Value)}")) + "]";
        }

        return element.StartsWith("i:", StringComparison.Ordinal) ? "[" + element[2..] + "]" : element;
    }
}
