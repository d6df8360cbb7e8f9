namespace Orchestrator.ApiServer.Defaulting;

/// <summary>Small reads and get-or-create steps over Kubernetes JSON objects, shared by defaulting and validation.</summary>
internal static class JsonFields
{
    /// <summary>The object under <paramref name="key"/>, created (and stored) when absent or not an object.</summary>
    public static JsonObject Child(JsonObject parent, string key)
    {
        if (parent[key] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        parent[key] = created;
        return created;
    }

    /// <summary>The objects of the array under <paramref name="key"/>, with their indexes; nothing when absent.</summary>
    /// <remarks>Called for every list field of every write: a <c>foreach</c> over it allocates nothing (an iterator method allocated its state per call, absent field or not).</remarks>
    public static JsonItems Items(JsonObject? parent, string key) => new(parent?[key] as JsonArray);

    /// <summary>The string value of <paramref name="node"/>, or null when absent or not a string.</summary>
    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>The integer value of <paramref name="node"/>, or null when absent or not a number.</summary>
    public static long? Integer(JsonNode? node)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        // Values built in code hold their CLR type (int, long); parsed ones a JsonElement: the text reads both.
        var text = value.ToJsonString();
        return long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
            : double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? (long)d : null;
    }

    /// <summary>Sets <paramref name="key"/> only when the field is absent (never overwrites what the user set).</summary>
    public static void Default(JsonObject target, string key, JsonNode? value)
    {
        if (target[key] is null)
        {
            target[key] = value;
        }
    }

    /// <summary>A string map (labels, matchLabels) as a dictionary; null when absent.</summary>
    public static Dictionary<string, string>? StringMap(JsonNode? node) =>
        node is JsonObject map ? map.ToDictionary(p => p.Key, p => Text(p.Value) ?? "", StringComparer.Ordinal) : null;
}
