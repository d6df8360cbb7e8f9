namespace Orchestrator.ApiServer.CustomResources.Schema.Cel;

/// <summary>
/// JSON values as the CEL library takes them (upstream's UnstructuredToVal): objects as string-keyed
/// dictionaries whose schema properties are named as upstream escapes them (<c>foo-bar</c> is
/// <c>foo__dash__bar</c>, reserved words as <c>__in__</c>), maps keep their keys, lists count their cost,
/// integers are long (double where the schema says number), null is null. Converted without recursion.
/// </summary>
internal static class CelValues
{
    public static object? From(JsonNode? node, StructuralSchema? schema, CelCost cost)
    {
        object? root = null;
        var pending = new Stack<(JsonNode? Node, StructuralSchema? Schema, Action<object?> Set)>();
        pending.Push((node, schema, v => root = v));
        while (pending.Count > 0)
        {
            var (current, at, set) = pending.Pop();
            switch (current)
            {
                case JsonObject map:
                    var fields = new Dictionary<string, object?>(map.Count, StringComparer.Ordinal);
                    set(fields);
                    foreach (var (key, value) in map)
                    {
                        if (at is not null && at.Properties.TryGetValue(key, out var property))
                        {
                            if (CelNames.Escape(key) is { } name)
                            {
                                pending.Push((value, property, v => fields[name] = v));
                            }
                        }
                        else
                        {
                            pending.Push((value, at?.AdditionalProperties, v => fields[key] = v));
                        }
                    }

                    break;
                case JsonArray list:
                    var items = new List<object?>(list.Count);
                    set(new CountingList(items, cost));
                    for (var i = 0; i < list.Count; i++)
                    {
                        items.Add(null);
                        var index = i;
                        pending.Push((list[i], at?.Items, v => items[index] = v));
                    }

                    break;
                default:
                    set(Scalar(current, at));
                    break;
            }
        }

        return root;
    }

    private static object? Scalar(JsonNode? node, StructuralSchema? schema) => JsonKinds.Of(node) switch
    {
        JsonKinds.String => node!.GetValue<string>(),
        JsonKinds.Boolean => node!.GetValue<bool>(),
        JsonKinds.Integer when schema?.Type == JsonKinds.Number => JsonKinds.AsDouble(node!),
        JsonKinds.Integer => JsonKinds.TryGetInt64(node, out var n) ? n : 0L,
        JsonKinds.Number => JsonKinds.AsDouble(node!),
        _ => null,
    };
}
