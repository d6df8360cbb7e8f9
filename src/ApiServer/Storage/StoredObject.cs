using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Store;

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

    public static byte[] Encode(JsonObject obj)
    {
        var copy = obj.DeepClone().AsObject();
        Metadata(copy).Remove("resourceVersion");
        return JsonSerializer.SerializeToUtf8Bytes(copy, Serialization.JsonLimits.Serializer);
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
