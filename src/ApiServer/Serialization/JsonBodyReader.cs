using System.Text.Unicode;

namespace Orchestrator.ApiServer.Serialization;

/// <summary>
/// Reads a JSON request body into nodes the way Go's encoding/json reads it into unstructured
/// values, without recursion: nesting past <see cref="JsonLimits.MaxDepth"/> is refused
/// ("exceeded max depth"), invalid UTF-8 and unpaired UTF-16 surrogates become U+FFFD, and a
/// repeated key keeps its last value. Numbers keep their literal text, so an int64 field can tell
/// 2^63 from a representable integer.
/// </summary>
internal static class JsonBodyReader
{
    /// <summary>How many tokens are read between checks of the cancellation token.</summary>
    private const int CancellationStride = 4096;

    /// <exception cref="JsonException">The body is not one JSON value, or nests too deeply.</exception>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8, CancellationToken cancellationToken = default)
    {
        byte[]? repaired = null;
        if (!Utf8.IsValid(utf8))
        {
            // Go's decoder replaces invalid bytes in strings with U+FFFD; outside strings they are
            // a syntax error either way, so repairing the whole text first is equivalent.
            repaired = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(utf8));
            utf8 = repaired;
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = JsonLimits.MaxDepth + 1 });
        // Containers are attached to their parent when they close, not when they open: attaching
        // to a parent that is itself attached costs a walk up its ancestors, quadratic in depth.
        var open = new Stack<(JsonNode Container, string? Name)>();
        string? name = null;
        JsonNode? root = null;
        var tokens = 0;
        while (reader.Read())
        {
            if (++tokens % CancellationStride == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    name = ReadString(ref reader);
                    continue;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    if (reader.CurrentDepth >= JsonLimits.MaxDepth)
                    {
                        throw new JsonException("exceeded max depth");
                    }

                    open.Push((reader.TokenType == JsonTokenType.StartObject ? new JsonObject() : new JsonArray(), name));
                    name = null;
                    continue;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    var (container, containerName) = open.Pop();
                    Attach(open, containerName, container, ref root);
                    break;
                case JsonTokenType.String:
                    Attach(open, name, JsonValue.Create(ReadString(ref reader)), ref root);
                    break;
                case JsonTokenType.Number:
                    Attach(open, name, JsonValue.Create(JsonElement.ParseValue(ref reader)), ref root);
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    Attach(open, name, JsonValue.Create(reader.TokenType == JsonTokenType.True), ref root);
                    break;
                case JsonTokenType.Null:
                    Attach(open, name, null, ref root);
                    break;
            }

            name = null;
        }

        return root;
    }

    private static void Attach(Stack<(JsonNode Container, string? Name)> open, string? name, JsonNode? value, ref JsonNode? root)
    {
        if (open.Count == 0)
        {
            root = value;
            return;
        }

        switch (open.Peek().Container)
        {
            case JsonObject obj:
                // A repeated key keeps its last value, as Go's decoder does.
                obj[name!] = value;
                break;
            case JsonArray array:
                array.Add(value);
                break;
        }
    }

    /// <summary>A string token's text; escapes that name an unpaired surrogate become U+FFFD (Go's rule).</summary>
    private static string ReadString(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return Encoding.UTF8.GetString(reader.ValueSpan);
        }

        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return Unescape(reader.ValueSpan);
        }
    }

    /// <summary>JSON string unescaping with U+FFFD for unpaired surrogates.</summary>
    private static string Unescape(ReadOnlySpan<byte> escaped)
    {
        var text = Encoding.UTF8.GetString(escaped);
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\\' || i + 1 >= text.Length)
            {
                result.Append(c);
                continue;
            }

            var next = text[++i];
            switch (next)
            {
                case 'b': result.Append('\b'); break;
                case 'f': result.Append('\f'); break;
                case 'n': result.Append('\n'); break;
                case 'r': result.Append('\r'); break;
                case 't': result.Append('\t'); break;
                case 'u' when i + 4 < text.Length:
                    var unit = (char)Convert.ToUInt16(text.Substring(i + 1, 4), 16);
                    i += 4;
                    if (char.IsHighSurrogate(unit) && i + 6 < text.Length && text[i + 1] == '\\' && text[i + 2] == 'u'
                        && char.IsLowSurrogate((char)Convert.ToUInt16(text.Substring(i + 3, 4), 16)))
                    {
                        result.Append(unit).Append((char)Convert.ToUInt16(text.Substring(i + 3, 4), 16));
                        i += 6;
                    }
                    else
                    {
                        result.Append(char.IsSurrogate(unit) ? '\uFFFD' : unit);
                    }

                    break;
                default: result.Append(next); break;
            }
        }

        return result.ToString();
    }
}
