namespace Orchestrator.ApiServer.CustomResources.Schema;

/// <summary>
/// Upstream's structural pruning (apiextensions-apiserver schema/pruning, PruneWithOptions with
/// TrackUnknownFieldPaths): drops every object field the schema does not specify, except under
/// <c>x-kubernetes-preserve-unknown-fields</c> (until a nested schema specifies properties again),
/// and keeps <c>apiVersion</c>, <c>kind</c> and <c>metadata</c> at the resource root and in embedded
/// resources, where unknown metadata fields are dropped as decoding into ObjectMeta drops them.
/// </summary>
internal static class SchemaPruning
{
    private static readonly HashSet<string> MetaFields = new(StringComparer.Ordinal) { "apiVersion", "kind", "metadata" };

    /// <summary>The fields of ObjectMeta (metav1): any other key under metadata is unknown.</summary>
    private static readonly HashSet<string> ObjectMetaFields = new(StringComparer.Ordinal)
    {
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
        "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
        "ownerReferences", "finalizers", "managedFields",
    };

    /// <summary>
    /// Prunes <paramref name="obj"/> in place and returns the removed fields' paths, sorted, as upstream
    /// reports them (<c>spec.foo</c>, <c>spec.items[0].bar</c>, <c>metadata.foo</c>): the strict field
    /// validation error for each is <c>unknown field "spec.foo"</c>. With <paramref name="isResourceRoot"/>
    /// the root is treated as an embedded resource (its type and object metadata are kept).
    /// </summary>
    public static IReadOnlyList<string> Prune(JsonObject obj, StructuralSchema schema, bool isResourceRoot = true)
    {
        var root = isResourceRoot && !schema.XEmbeddedResource ? schema with { XEmbeddedResource = true } : schema;
        var pruned = new List<string>();
        Walk(obj, root, "", pruned, preserving: false);
        pruned.Sort(StringComparer.Ordinal);
        return pruned;
    }

    /// <param name="preserving">Upstream's skipPrune: items of a preserving list keep the fields their schema does not specify.</param>
    private static void Walk(JsonNode? node, StructuralSchema? schema, string path, List<string> pruned, bool preserving)
    {
        if (schema is null)
        {
            DropAll(node, path, pruned);
            return;
        }

        switch (node)
        {
            case JsonObject map:
                foreach (var key in map.Select(p => p.Key).ToList())
                {
                    var child = Join(path, key);
                    if (schema.XEmbeddedResource && MetaFields.Contains(key))
                    {
                        if (key == "metadata" && map[key] is JsonObject metadata)
                        {
                            PruneMetadata(metadata, child, pruned);
                        }

                        continue;
                    }

                    if (schema.Properties.TryGetValue(key, out var property))
                    {
                        Walk(map[key], property, child, pruned, preserving: false);
                    }
                    else if (schema.AdditionalProperties is { } additional)
                    {
                        Walk(map[key], additional, child, pruned, preserving: false);
                    }
                    else if (schema.XPreserveUnknownFields || preserving)
                    {
                        continue;
                    }
                    else if (schema.AdditionalPropertiesAllowed == true)
                    {
                        // additionalProperties: true without a schema: the value is kept, its own fields are unspecified.
                        DropAll(map[key], child, pruned);
                    }
                    else
                    {
                        map.Remove(key);
                        pruned.Add(child);
                    }
                }

                break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    var at = path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                    if (schema.Items is { } items)
                    {
                        Walk(list[i], items, at, pruned, schema.XPreserveUnknownFields || preserving);
                    }
                    else if (!schema.XPreserveUnknownFields && !preserving)
                    {
                        DropAll(list[i], at, pruned);
                    }
                }

                break;
            default:
                break;
        }
    }

    /// <summary>Without a schema every object field is unknown; walked without recursion as the value may be deep.</summary>
    private static void DropAll(JsonNode? node, string path, List<string> pruned)
    {
        var pending = new Stack<(JsonNode? Node, string Path)>();
        pending.Push((node, path));
        while (pending.Count > 0)
        {
            var (current, at) = pending.Pop();
            switch (current)
            {
                case JsonObject map:
                    foreach (var key in map.Select(p => p.Key).ToList())
                    {
                        map.Remove(key);
                        pruned.Add(Join(at, key));
                    }

                    break;
                case JsonArray list:
                    for (var i = 0; i < list.Count; i++)
                    {
                        pending.Push((list[i], at + "[" + i.ToString(CultureInfo.InvariantCulture) + "]"));
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private static void PruneMetadata(JsonObject metadata, string path, List<string> pruned)
    {
        foreach (var key in metadata.Select(p => p.Key).ToList())
        {
            if (!ObjectMetaFields.Contains(key))
            {
                metadata.Remove(key);
                pruned.Add(Join(path, key));
            }
        }
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
}
