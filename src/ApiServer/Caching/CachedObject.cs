using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Caching;

/// <summary>
/// One object as the cache keeps it: its response JSON (type meta and resourceVersion included)
/// serialized once, and a parsed form that is fully materialized up front so many readers can
/// evaluate selectors on it concurrently without anyone mutating it.
/// </summary>
internal sealed class CachedObject
{
    public CachedObject(string key, JsonObject obj, long revision)
    {
        Key = key;
        Revision = revision;
        Object = obj;
        Materialize(obj);
        Json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(obj, Serialization.JsonLimits.Serializer);
    }

    public string Key { get; }

    public long Revision { get; }

    /// <summary>Read-only: never mutate; <see cref="Clone"/> for a private copy.</summary>
    public JsonObject Object { get; }

    public byte[] Json { get; }

    public JsonObject Clone() => Object.DeepClone().AsObject();

    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    Materialize(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Materialize(item);
                }

                break;
        }
    }
}
