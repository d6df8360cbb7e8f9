namespace Orchestrator.ApiServer.CustomResources.Schema;

/// <summary>
/// Upstream's listtype.ValidateListSetsAndMaps: items of an <c>x-kubernetes-list-type: set</c> list are
/// unique, keys of a <c>map</c> list are unique (each later repeat reported once as Duplicate value).
/// Walks along the schema, so recursion is bounded by the schema's depth.
/// </summary>
internal static class ListTypeValidation
{
    public static void Validate(JsonObject obj, StructuralSchema schema, List<StatusCause> causes) =>
        Object(obj, schema, "", causes);

    private static void Object(JsonObject obj, StructuralSchema schema, string path, List<StatusCause> causes)
    {
        if (schema.AdditionalProperties is { } additional)
        {
            foreach (var (key, value) in obj)
            {
                Value(value, additional, path + "[" + key + "]", causes);
            }
        }

        foreach (var (key, value) in obj)
        {
            if (schema.Properties.TryGetValue(key, out var property))
            {
                Value(value, property, path.Length == 0 ? key : path + "." + key, causes);
            }
        }
    }

    private static void Value(JsonNode? value, StructuralSchema schema, string path, List<StatusCause> causes)
    {
        switch (value)
        {
            case JsonArray list:
                List(list, schema, path, causes);
                break;
            case JsonObject map:
                Object(map, schema, path, causes);
                break;
            default:
                break;
        }
    }

    private static void List(JsonArray list, StructuralSchema schema, string path, List<StatusCause> causes)
    {
        switch (schema.XListType)
        {
            case "set":
                foreach (var i in Repeats(list.Select(v => v).ToList()))
                {
                    causes.Add(SchemaErrors.Duplicate(Index(path, i), list[i]));
                }

                break;
            case "map":
                MapList(list, schema, path, causes);
                break;
            default:
                break;
        }

        if (schema.Items is { } items)
        {
            for (var i = 0; i < list.Count; i++)
            {
                Value(list[i], items, Index(path, i), causes);
            }
        }
    }

    private static void MapList(JsonArray list, StructuralSchema schema, string path, List<StatusCause> causes)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not null and not JsonObject)
            {
                causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {GoValue.Format(list[i])}: must be an object for an array of list-type map", Index(path, i)));
                return;
            }
        }

        // Each item's key: the map of its key fields that are present (a missing field is "unspecified", not null).
        var keys = list.Select(item =>
        {
            var key = new JsonObject();
            foreach (var field in schema.XListMapKeys)
            {
                if (item is JsonObject o && o.TryGetPropertyValue(field, out var v))
                {
                    key[field] = v?.DeepClone();
                }
            }

            return (JsonNode?)key;
        }).ToList();
        foreach (var i in Repeats(keys))
        {
            causes.Add(SchemaErrors.Duplicate(Index(path, i), keys[i]));
        }
    }

    /// <summary>The index of the second occurrence of every value that occurs more than once (upstream's validateListSet).</summary>
    private static List<int> Repeats(List<JsonNode?> items)
    {
        var repeats = new List<int>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var identity = Canonical(items[i]);
            seen[identity] = seen.TryGetValue(identity, out var times) ? times + 1 : 1;
            if (times == 1)
            {
                repeats.Add(i);
            }
        }

        return repeats;
    }

    /// <summary>A value's identity as Go compares it: scalars by kind and value, compounds by their JSON with sorted keys.</summary>
    private static string Canonical(JsonNode? node) => JsonKinds.Of(node) switch
    {
        JsonKinds.Integer or JsonKinds.Number => "n:" + JsonKinds.AsDouble(node!).ToString("R", CultureInfo.InvariantCulture) + ":" + JsonKinds.Of(node),
        JsonKinds.Object or JsonKinds.Array => "c:" + CanonicalJson.Write(node),
        var kind => kind + ":" + node?.ToJsonString(),
    };

    private static string Index(string path, int i) => path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
}
