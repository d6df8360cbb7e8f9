using k8s.Models;

namespace Orchestrator.ApiServer.FieldManagement;

/// <summary>
/// Writes the FieldsV1 JSON of every field of an object straight from its nodes: the same text as
/// <c>ObjectFields.Of(obj, …).ToFieldsV1()</c>, without building the <see cref="FieldSet"/> and its
/// path-element strings first (a create's managed fields were its largest share of allocations).
/// Children are written in the set's order (ordinal, by path element). Two items of a merged list
/// with the same key share one set node, which only the set can merge: then the writer gives up and
/// the caller builds the set.
/// </summary>
internal static class FieldsV1Writer
{
    /// <summary>Field names shorter than this are prefixed with <c>f:</c> on the stack.</summary>
    private const int StackNameLength = 128;

    /// <summary>Writes the fields of <paramref name="obj"/> that <paramref name="scope"/> can own; false (with partial output) when a merged list repeats a key.</summary>
    public static bool TryWrite(Utf8JsonWriter writer, JsonObject obj, Type modelType, FieldScope scope)
    {
        var schema = PatchSchema.For(modelType);
        var fields = Sorted(obj);
        try
        {
            writer.WriteStartObject();
            foreach (var (key, value) in fields.AsSpan(0, obj.Count))
            {
                if (!scope.Includes(key))
                {
                    continue;
                }

                var (childSchema, strategy) = schema.Field(key);
                if (key == "metadata" && value is JsonObject metadata)
                {
                    if (!TryWriteMetadata(writer, metadata, childSchema))
                    {
                        return false;
                    }

                    continue;
                }

                WriteFieldName(writer, key);
                if (!TryWriteValue(writer, value, childSchema, strategy))
                {
                    return false;
                }
            }

            writer.WriteEndObject();
            return true;
        }
        finally
        {
            Return(fields, obj.Count);
        }
    }

    /// <summary>Only the metadata a manager can own, and nothing at all when the object has none of it.</summary>
    private static bool TryWriteMetadata(Utf8JsonWriter writer, JsonObject metadata, PatchSchema schema)
    {
        var fields = Sorted(metadata);
        try
        {
            var wroteAny = false;
            foreach (var (key, value) in fields.AsSpan(0, metadata.Count))
            {
                if (!ObjectFields.OwnedMetadata.Contains(key))
                {
                    continue;
                }

                if (!wroteAny)
                {
                    WriteFieldName(writer, "metadata");
                    writer.WriteStartObject();
                    wroteAny = true;
                }

                var (childSchema, strategy) = schema.Field(key);
                WriteFieldName(writer, key);
                if (!TryWriteValue(writer, value, childSchema, strategy))
                {
                    return false;
                }
            }

            if (wroteAny)
            {
                writer.WriteEndObject();
            }

            return true;
        }
        finally
        {
            Return(fields, metadata.Count);
        }
    }

    /// <summary>
    /// One value's node: objects descend into their fields (a map is a member itself, so <c>"."</c>
    /// comes first), merged lists into their items, everything else is a member leaf <c>{}</c>.
    /// </summary>
    private static bool TryWriteValue(Utf8JsonWriter writer, JsonNode? value, PatchSchema schema, PatchStrategy? strategy)
    {
        switch (value)
        {
            case JsonObject { Count: > 0 } obj when schema.Model != typeof(V1LabelSelector):
                writer.WriteStartObject();
                if (schema.IsMap)
                {
                    WriteSelf(writer);
                }

                if (!TryWriteFields(writer, obj, schema))
                {
                    return false;
                }

                writer.WriteEndObject();
                return true;
            case JsonArray { Count: > 0 } array when strategy is { Merge: true }:
                return TryWriteItems(writer, array, schema, strategy.MergeKey);
            default:
                writer.WriteStartObject();
                writer.WriteEndObject();
                return true;
        }
    }

    private static bool TryWriteFields(Utf8JsonWriter writer, JsonObject obj, PatchSchema schema)
    {
        var fields = Sorted(obj);
        try
        {
            foreach (var (key, child) in fields.AsSpan(0, obj.Count))
            {
                var (childSchema, childStrategy) = schema.Field(key);
                WriteFieldName(writer, key);
                if (!TryWriteValue(writer, child, childSchema, childStrategy))
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            Return(fields, obj.Count);
        }
    }

    /// <summary>The items of a merged list, each a member; the list is a member leaf when an item lacks its key.</summary>
    private static bool TryWriteItems(Utf8JsonWriter writer, JsonArray array, PatchSchema schema, string? mergeKey)
    {
        var items = ArrayPool<KeyValuePair<string, JsonNode?>>.Shared.Rent(array.Count);
        try
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (ObjectFields.ItemKey(array[i], mergeKey) is not { } key)
                {
                    writer.WriteStartObject();
                    writer.WriteEndObject();
                    return true;
                }

                items[i] = new(key, mergeKey is null ? null : array[i]);
            }

            SortByKey(items, array.Count);
            writer.WriteStartObject();
            for (var i = 0; i < array.Count; i++)
            {
                var (key, item) = items[i];
                if (i > 0 && key == items[i - 1].Key)
                {
                    return false;
                }

                writer.WritePropertyName(key);
                writer.WriteStartObject();
                if (item is JsonObject fields)
                {
                    WriteSelf(writer);
                    if (!TryWriteFields(writer, fields, schema))
                    {
                        return false;
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            return true;
        }
        finally
        {
            Return(items, array.Count);
        }
    }

    /// <summary>A member with children: <c>".":{}</c> before them.</summary>
    private static void WriteSelf(Utf8JsonWriter writer)
    {
        writer.WriteStartObject(".");
        writer.WriteEndObject();
    }

    /// <summary><c>f:name</c>, without a string for it.</summary>
    private static void WriteFieldName(Utf8JsonWriter writer, string name)
    {
        if (name.Length >= StackNameLength)
        {
            writer.WritePropertyName(FieldPath.Field(name));
            return;
        }

        Span<char> element = stackalloc char[name.Length + 2];
        element[0] = 'f';
        element[1] = ':';
        name.AsSpan().CopyTo(element[2..]);
        writer.WritePropertyName(element);
    }

    /// <summary>The object's fields in ordinal name order (the order of their <c>f:</c> elements), in a pooled array.</summary>
    private static KeyValuePair<string, JsonNode?>[] Sorted(JsonObject obj)
    {
        var fields = ArrayPool<KeyValuePair<string, JsonNode?>>.Shared.Rent(obj.Count);
        for (var i = 0; i < obj.Count; i++)
        {
            fields[i] = obj.GetAt(i);
        }

        SortByKey(fields, obj.Count);
        return fields;
    }

    private static void SortByKey(KeyValuePair<string, JsonNode?>[] entries, int count) =>
        entries.AsSpan(0, count).Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));

    private static void Return(KeyValuePair<string, JsonNode?>[] fields, int count)
    {
        fields.AsSpan(0, count).Clear();
        ArrayPool<KeyValuePair<string, JsonNode?>>.Shared.Return(fields);
    }
}
