namespace Orchestrator.ApiServer.Storage;

/// <summary>
/// Turns a stored value into the JSON a client is served, without building nodes: the stored bytes
/// are copied token by token with <c>kind</c> and <c>apiVersion</c> set and
/// <c>metadata.resourceVersion</c> set to the revision. The result is byte for byte what
/// <see cref="StoredObject.Decode(byte[], long)"/>, setting the type meta and serializing would give:
/// fields keep their place, missing ones are appended (metadata, then kind, then apiVersion), strings
/// are re-escaped by the same encoder. The watch cache does this once per change.
/// </summary>
internal static class ResponseJson
{
    public static byte[] FromStored(byte[] value, long revision, string kind, string apiVersion)
    {
        using var scratch = Serialization.JsonScratch.Rent();
        var writer = scratch.Writer;
        var reader = new Utf8JsonReader(value, new JsonReaderOptions { MaxDepth = Serialization.JsonLimits.StoredDepth });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidDataException("stored object is not a JSON object");
        }

        var resourceVersion = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        bool sawMetadata = false, sawKind = false, sawApiVersion = false;
        writer.WriteStartObject();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("metadata"u8))
            {
                sawMetadata = true;
                writer.WritePropertyName("metadata"u8);
                reader.Read();
                CopyMetadata(ref reader, writer, resourceVersion);
            }
            else if (reader.ValueTextEquals("kind"u8))
            {
                sawKind = true;
                writer.WriteString("kind"u8, kind);
                reader.Read();
                reader.Skip();
            }
            else if (reader.ValueTextEquals("apiVersion"u8))
            {
                sawApiVersion = true;
                writer.WriteString("apiVersion"u8, apiVersion);
                reader.Read();
                reader.Skip();
            }
            else
            {
                CopyPropertyName(ref reader, writer);
                reader.Read();
                CopyValue(ref reader, writer);
            }
        }

        if (!sawMetadata)
        {
            writer.WriteStartObject("metadata"u8);
            writer.WriteString("resourceVersion"u8, resourceVersion);
            writer.WriteEndObject();
        }

        if (!sawKind)
        {
            writer.WriteString("kind"u8, kind);
        }

        if (!sawApiVersion)
        {
            writer.WriteString("apiVersion"u8, apiVersion);
        }

        writer.WriteEndObject();

        return scratch.Written.ToArray();
    }

    /// <summary>
    /// The answer to a create whose body already had the resource's <c>kind</c> and <c>apiVersion</c> and no
    /// <c>metadata.resourceVersion</c>: the stored bytes with the resourceVersion appended to the metadata,
    /// which is what <see cref="FromStored"/> gives for such a value, written without reading it again.
    /// </summary>
    public static void WriteWithResourceVersion(EncodedObject encoded, long revision, IBufferWriter<byte> output)
    {
        Span<byte> digits = stackalloc byte[20];
        revision.TryFormat(digits, out var count, provider: System.Globalization.CultureInfo.InvariantCulture);
        var value = encoded.Value;
        output.Write(value.AsSpan(0, encoded.MetadataEnd));
        output.Write(encoded.MetadataEmpty ? "\"resourceVersion\":\""u8 : ",\"resourceVersion\":\""u8);
        output.Write(digits[..count]);
        output.Write("\""u8);
        output.Write(value.AsSpan(encoded.MetadataEnd));
    }

    /// <summary>Metadata with resourceVersion replaced in place or appended; a metadata that is not an object becomes one holding only the resourceVersion.</summary>
    private static void CopyMetadata(ref Utf8JsonReader reader, Utf8JsonWriter writer, string resourceVersion)
    {
        writer.WriteStartObject();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            writer.WriteString("resourceVersion"u8, resourceVersion);
            writer.WriteEndObject();
            return;
        }

        var sawResourceVersion = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("resourceVersion"u8))
            {
                sawResourceVersion = true;
                writer.WriteString("resourceVersion"u8, resourceVersion);
                reader.Read();
                reader.Skip();
                continue;
            }

            CopyPropertyName(ref reader, writer);
            reader.Read();
            CopyValue(ref reader, writer);
        }

        if (!sawResourceVersion)
        {
            writer.WriteString("resourceVersion"u8, resourceVersion);
        }

        writer.WriteEndObject();
    }

    /// <summary>Copies the value the reader is on (a scalar, or a whole object or array) without recursing.</summary>
    private static void CopyValue(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        // An end token has the depth of its start token, so the value ends at the first token back at this depth that opens nothing.
        var depth = reader.CurrentDepth;
        while (true)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    writer.WriteStartObject();
                    break;
                case JsonTokenType.EndObject:
                    writer.WriteEndObject();
                    break;
                case JsonTokenType.StartArray:
                    writer.WriteStartArray();
                    break;
                case JsonTokenType.EndArray:
                    writer.WriteEndArray();
                    break;
                case JsonTokenType.PropertyName:
                    CopyPropertyName(ref reader, writer);
                    break;
                case JsonTokenType.String:
                    CopyString(ref reader, writer);
                    break;
                case JsonTokenType.Number:
                    writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                    break;
                case JsonTokenType.True:
                    writer.WriteBooleanValue(true);
                    break;
                case JsonTokenType.False:
                    writer.WriteBooleanValue(false);
                    break;
                case JsonTokenType.Null:
                    writer.WriteNullValue();
                    break;
            }

            if (reader.CurrentDepth == depth && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
            {
                return;
            }

            reader.Read();
        }
    }

    private static void CopyPropertyName(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        if (!reader.ValueIsEscaped)
        {
            writer.WritePropertyName(reader.ValueSpan);
            return;
        }

        writer.WritePropertyName(reader.GetString()!);
    }

    private static void CopyString(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        if (!reader.ValueIsEscaped)
        {
            writer.WriteStringValue(reader.ValueSpan);
            return;
        }

        writer.WriteStringValue(reader.GetString());
    }
}
