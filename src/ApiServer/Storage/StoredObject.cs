namespace Orchestrator.ApiServer.Storage;

/// <summary>
/// Converts between store values and API objects. Objects are stored as JSON without
/// <c>metadata.resourceVersion</c>; on the way out it is set from the store's modification
/// revision, so it can never disagree with the compare-and-swap revision.
/// </summary>
internal static class StoredObject
{
    public static JsonObject Decode(KeyValue item) => Decode(item.Value, item.ModRevision);

    public static JsonObject Decode(byte[] value, long revision)
    {
        var obj = JsonNode.Parse(value, documentOptions: Serialization.JsonLimits.Document)?.AsObject() ?? throw new InvalidDataException("stored object is not a JSON object");
        Metadata(obj)["resourceVersion"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return obj;
    }

    /// <summary>
    /// The object's JSON without <c>metadata.resourceVersion</c> (and with an empty <c>metadata</c>
    /// where it has none). Written straight from the object, leaving it untouched: cloning it first
    /// to remove one field cost a tenth of a create's allocations.
    /// </summary>
    public static byte[] Encode(JsonObject obj) => EncodeWithMetadataEnd(obj).Value;

    /// <summary><see cref="Encode"/>, telling where the metadata object closes (see <see cref="EncodedObject"/>).</summary>
    public static EncodedObject EncodeWithMetadataEnd(JsonObject obj)
    {
        using var scratch = Serialization.JsonScratch.Rent();
        var writer = scratch.Writer;
        writer.WriteStartObject();
        (int End, bool Empty)? metadataEnd = null;
        foreach (var (name, value) in obj)
        {
            writer.WritePropertyName(name);
            if (name == "metadata")
            {
                metadataEnd = WriteWithoutResourceVersion(writer, value as JsonObject);
            }
            else
            {
                WriteValue(writer, value);
            }
        }

        if (metadataEnd is null)
        {
            writer.WritePropertyName("metadata");
            metadataEnd = WriteWithoutResourceVersion(writer, null);
        }

        writer.WriteEndObject();
        return new EncodedObject(scratch.Written.ToArray(), metadataEnd.Value.End, metadataEnd.Value.Empty);
    }

    /// <summary>Writes the metadata object; returns the offset of its closing brace and whether it holds no field.</summary>
    private static (int End, bool Empty) WriteWithoutResourceVersion(Utf8JsonWriter writer, JsonObject? metadata)
    {
        writer.WriteStartObject();
        var empty = true;
        if (metadata is not null)
        {
            foreach (var (name, value) in metadata)
            {
                if (name != "resourceVersion")
                {
                    writer.WritePropertyName(name);
                    WriteValue(writer, value);
                    empty = false;
                }
            }
        }

        var end = checked((int)(writer.BytesCommitted + writer.BytesPending));
        writer.WriteEndObject();
        return (end, empty);
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonNode? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            value.WriteTo(writer, Serialization.JsonLimits.Serializer);
        }
    }

    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }

        metadata = new JsonObject();
        obj["metadata"] = metadata;
        return metadata;
    }
}
