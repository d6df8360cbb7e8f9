using System.Collections;
using Google.Protobuf.Reflection;

namespace Orchestrator.ApiServer.Protobuf;

/// <summary>
/// Turns a decoded Kubernetes message into the JSON kubectl would have sent for the same object,
/// walking the descriptors: field names are the proto names (already the JSON names), order is
/// declaration order (the Go struct order), and <see cref="FieldFlags"/> decides which zero
/// values show. Messages that marshal themselves go through <see cref="SelfMarshalling"/>.
/// </summary>
internal static class ProtobufJson
{
    /// <summary>Adds the message's fields to <paramref name="json"/>, after what it already holds.</summary>
    public static void WriteTo(IMessage message, JsonObject json) => WriteFields(message, json, "");

    private static void WriteFields(IMessage message, JsonObject json, string path)
    {
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            var flags = FieldFlags.Of(field);
            var fieldPath = Join(path, field.Name);
            var value = field.Accessor.GetValue(message);
            if (field.IsMap)
            {
                if (Map((IDictionary)value, field.MessageType.FindFieldByNumber(2), fieldPath) is { } map)
                {
                    json[field.Name] = map;
                }
            }
            else if (field.IsRepeated)
            {
                if (List((IList)value, field, fieldPath) is { } list)
                {
                    json[field.Name] = list;
                }
            }
            else if (field.FieldType == FieldType.Message)
            {
                if (!field.Accessor.HasValue(message))
                {
                    continue;
                }

                if (flags.Inline)
                {
                    WriteFields((IMessage)value, json, path);
                }
                else if (Message((IMessage)value, fieldPath) is { } child)
                {
                    json[field.Name] = child;
                }
            }
            else if (flags.Pointer ? field.Accessor.HasValue(message) : flags.Always || !IsZero(value))
            {
                json[field.Name] = Scalar(value);
            }
        }
    }

    private static JsonNode? Message(IMessage message, string path)
    {
        if (SelfMarshalling.TryConvert(message, path, out var json))
        {
            return json;
        }

        var child = new JsonObject();
        WriteFields(message, child, path);
        return child;
    }

    private static JsonArray? List(IList items, FieldDescriptor field, string path)
    {
        if (items.Count == 0)
        {
            return null;
        }

        var list = new JsonArray();
        for (var i = 0; i < items.Count; i++)
        {
            list.Add(field.FieldType == FieldType.Message ? Message((IMessage)items[i]!, $"{path}[{i}]") : Scalar(items[i]!));
        }

        return list;
    }

    private static JsonObject? Map(IDictionary entries, FieldDescriptor valueField, string path)
    {
        if (entries.Count == 0)
        {
            return null;
        }

        // Go writes map keys sorted.
        var map = new JsonObject();
        foreach (var key in entries.Keys.Cast<object>().Select(k => k.ToString()!).Order(StringComparer.Ordinal))
        {
            var value = entries[key]!;
            map[key] = valueField.FieldType == FieldType.Message ? Message((IMessage)value, $"{path}[{key}]") : Scalar(value);
        }

        return map;
    }

    private static JsonNode Scalar(object value) => value switch
    {
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        int number => JsonValue.Create(number),
        long number => JsonValue.Create(number),
        uint number => JsonValue.Create(number),
        ulong number => JsonValue.Create(number),
        double number => JsonValue.Create(number),
        float number => JsonValue.Create(number),

        // Go's encoding/json writes []byte as standard, padded base64.
        ByteString bytes => JsonValue.Create(bytes.ToBase64()),
        _ => throw new InvalidOperationException($"no JSON form for a protobuf {value.GetType()}"),
    };

    private static bool IsZero(object value) => value switch
    {
        string text => text.Length == 0,
        bool flag => !flag,
        int number => number == 0,
        long number => number == 0,
        uint number => number == 0,
        ulong number => number == 0,
        double number => number == 0,
        float number => number == 0,
        ByteString bytes => bytes.IsEmpty,
        _ => false,
    };

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
}
