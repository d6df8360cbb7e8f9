namespace Orchestrator.ApiServer.FieldManagement;

/// <summary>Path elements as managedFields writes them, and the path text conflicts print (<c>.spec.containers[name="a"].image</c>).</summary>
internal static class FieldPath
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_keyBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_keyWriter;

    public static string Field(string name) => "f:" + name;

    public static string Value(JsonNode? value) => "v:" + Json(value);

    /// <summary>A keyed list item: <c>k:{"name":"a"}</c>.</summary>
    public static string Key(string name, JsonNode value) => Key(name, value, null, null);

    /// <summary>
    /// A list item keyed by two fields: <c>k:{"containerPort":80,"protocol":"TCP"}</c>, key fields in
    /// name order. The key object is written by one writer (what <see cref="Json(JsonNode?)"/> of each
    /// part would write, joined), which spares a writer and a string per part.
    /// </summary>
    public static string Key(string name, JsonNode value, string? otherName, JsonNode? otherValue)
    {
        if (otherName is not null && string.CompareOrdinal(name, otherName) > 0)
        {
            (name, value, otherName, otherValue) = (otherName, otherValue!, name, value);
        }

        var buffer = t_keyBuffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        var writer = t_keyWriter ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JsonText.Options.Encoder });
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WritePropertyName(name);
        Write(writer, value);
        if (otherName is not null)
        {
            writer.WritePropertyName(otherName);
            Write(writer, otherValue);
        }

        writer.WriteEndObject();
        writer.Flush();
        var written = buffer.WrittenSpan;
        return string.Create(2 + Encoding.UTF8.GetCharCount(written), buffer, static (chars, source) =>
        {
            chars[0] = 'k';
            chars[1] = ':';
            Encoding.UTF8.GetChars(source.WrittenSpan, chars[2..]);
        });
    }

    /// <summary>upstream's fieldpath.Path String(): <c>.spec.replicas</c>, <c>[name="a"]</c>, <c>[="v"]</c>.</summary>
    public static string Text(IEnumerable<string> path) => string.Concat(path.Select(Element));

    private static void Write(Utf8JsonWriter writer, JsonNode? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            value.WriteTo(writer, JsonText.Options);
        }
    }

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
