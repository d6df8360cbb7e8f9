namespace Orchestrator.ApiServer.Patching;

/// <summary>The directives of a strategic merge patch that act on a map, and the clean-up of values taken whole.</summary>
internal static partial class StrategicMergePatch
{
    private const string DirectiveMarker = "$patch";
    private const string DeleteDirective = "delete";
    private const string ReplaceDirective = "replace";
    private const string MergeDirective = "merge";
    private const string RetainKeysDirective = "$retainKeys";
    private const string SetElementOrderPrefix = "$setElementOrder";
    private const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList";

    /// <summary><c>{"$patch":"replace",…}</c> replaces the map with the rest of the patch; <c>"delete"</c> empties it.</summary>
    private static JsonObject ApplyMapDirective(JsonNode? directive, JsonObject patch, PatchSchema schema)
    {
        switch (DirectiveName(directive))
        {
            case ReplaceDirective:
                patch.Remove(DirectiveMarker);
                TryClean(patch, schema, out var replacement);
                return (JsonObject)replacement!;
            case DeleteDirective:
                return [];
            default:
                throw StrategicMergeErrors.BadPatchType(directive, patch);
        }
    }

    /// <summary>
    /// <c>$retainKeys</c> lists the keys the map keeps (used for union types such as a deployment's strategy
    /// or a volume's source): every other key of the original is cleared, and the patch may set no other key.
    /// </summary>
    private static void ApplyRetainKeys(JsonObject original, JsonObject patch)
    {
        if (!patch.TryGetPropertyValue(RetainKeysDirective, out var directive))
        {
            return;
        }

        patch.Remove(RetainKeysDirective);
        if (directive is not JsonArray list)
        {
            throw StrategicMergeErrors.BadRetainKeys();
        }

        var retained = list.Select(DirectiveName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var (key, value) in patch)
        {
            if (value is not null && !IsParallelListDirective(key) && !retained.Contains(key))
            {
                throw StrategicMergeErrors.BadRetainKeys();
            }
        }

        foreach (var key in original.Select(p => p.Key).Where(k => !retained.Contains(k)).ToList())
        {
            original.Remove(key);
        }
    }

    /// <summary>"$setElementOrder/containers" → "containers"; null when the key is not "prefix/field".</summary>
    private static string? ExtractKey(string key, string prefix)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 || key[..slash] != prefix ? null : key[(slash + 1)..];
    }

    private static bool IsParallelListDirective(string key) =>
        key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal)
        || key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal);

    private static string? DirectiveName(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var name) ? name : null;

    /// <summary>
    /// A patch value taken as a whole (the original lacks it, or a list is replaced), as a new tree:
    /// null members dropped, maps carrying <c>$patch</c> dropped (upstream's removeDirectives), parallel-list
    /// and <c>$retainKeys</c> directives dropped. Returns false when the value itself is to be dropped.
    /// </summary>
    private static bool TryClean(JsonNode? node, PatchSchema schema, out JsonNode? cleaned)
    {
        cleaned = null;
        switch (node)
        {
            case null:
                return true;
            case JsonObject map when map.ContainsKey(DirectiveMarker):
                return false;
            case JsonObject map:
                var result = new JsonObject();
                foreach (var (key, value) in map)
                {
                    if (value is null || key == RetainKeysDirective || IsParallelListDirective(key))
                    {
                        continue;
                    }

                    if (key.StartsWith('$') && schema.RefusesKey(key))
                    {
                        throw StrategicMergeErrors.UnknownDirective(key, schema.Name);
                    }

                    if (TryClean(value, schema.Field(key).Schema, out var child))
                    {
                        result[key] = child;
                    }
                }

                cleaned = result;
                return true;
            case JsonArray list:
                var items = new JsonArray();
                foreach (var item in list)
                {
                    if (TryClean(item, schema, out var child))
                    {
                        items.Add(child);
                    }
                }

                cleaned = items;
                return true;
            default:
                cleaned = node.DeepClone();
                return true;
        }
    }
}
