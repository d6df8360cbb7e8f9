namespace Orchestrator.ApiServer.CustomResources.Schema;

/// <summary>
/// Upstream's structural defaulting as its decoder runs it on every request body and every object read
/// from storage, after pruning: first PruneNonNullableNullsWithoutDefaults (a null where the schema is not
/// nullable and has no default is removed), then Default (a missing field, or a null where the schema is
/// not nullable, gets a deep copy of the schema's default; defaults are applied top-down, so a default
/// object is itself defaulted below). Walks along the schema only, so recursion is bounded by its depth.
/// </summary>
internal static class SchemaDefaulting
{
    public static void Apply(JsonObject obj, StructuralSchema schema)
    {
        PruneNulls(obj, schema);
        Default(obj, schema);
    }

    /// <summary>PruneNonNullableNullsWithoutDefaults alone.</summary>
    public static void PruneNulls(JsonNode? node, StructuralSchema? schema)
    {
        if (schema is null)
        {
            // Nothing below can be pruned without a schema.
            return;
        }

        switch (node)
        {
            case JsonObject map:
                foreach (var key in map.Select(p => p.Key).ToList())
                {
                    var field = FieldSchema(schema, key);
                    var value = map[key];
                    if (value is null && field is { Nullable: false } && !HasDefault(field))
                    {
                        map.Remove(key);
                    }
                    else
                    {
                        PruneNulls(value, field);
                    }
                }

                break;
            case JsonArray list:
                foreach (var item in list)
                {
                    PruneNulls(item, schema.Items);
                }

                break;
            default:
                break;
        }
    }

    /// <summary>Default alone.</summary>
    public static void Default(JsonNode? node, StructuralSchema? schema)
    {
        if (schema is null)
        {
            return;
        }

        switch (node)
        {
            case JsonObject map:
                foreach (var (name, property) in schema.Properties)
                {
                    if (!HasDefault(property))
                    {
                        continue;
                    }

                    if (!map.TryGetPropertyValue(name, out var current) || (current is null && !property.Nullable))
                    {
                        map[name] = JsonTree.Clone(property.Default);
                    }
                }

                foreach (var key in map.Select(p => p.Key).ToList())
                {
                    if (schema.Properties.TryGetValue(key, out var property))
                    {
                        Default(map[key], property);
                    }
                    else if (schema.AdditionalProperties is { } additional)
                    {
                        if (map[key] is null && !additional.Nullable)
                        {
                            map[key] = JsonTree.Clone(additional.Default);
                        }

                        Default(map[key], additional);
                    }
                }

                break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is null && schema.Items is { Nullable: false } items)
                    {
                        list[i] = JsonTree.Clone(items.Default);
                    }

                    Default(list[i], schema.Items);
                }

                break;
            default:
                break;
        }
    }

    /// <summary>A default upstream applies: <c>default: null</c> counts as none (its Default.Object is nil).</summary>
    private static bool HasDefault(StructuralSchema schema) => schema.Default is not null;

    private static StructuralSchema? FieldSchema(StructuralSchema schema, string key) =>
        schema.Properties.TryGetValue(key, out var property) ? property : schema.AdditionalProperties;
}
