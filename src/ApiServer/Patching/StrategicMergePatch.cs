namespace Orchestrator.ApiServer.Patching;

/// <summary>
/// Strategic merge patch (<c>application/strategic-merge-patch+json</c>, what <c>kubectl apply</c>,
/// <c>set image</c> and <c>rollout restart</c> send), applied the way k8s.io/apimachinery's
/// <c>StrategicMergeMapPatch</c> applies it server-side. Like JSON merge patch, null deletes a key and
/// objects merge recursively; lists are replaced unless <see cref="PatchMetadata"/> marks them "merge",
/// then lists of objects merge element by element on their merge key and lists of scalars are unioned.
/// Directives: <c>$patch</c> (replace / delete a map, delete a list element by key, replace a list),
/// <c>$retainKeys</c>, <c>$setElementOrder/&lt;list&gt;</c> and <c>$deleteFromPrimitiveList/&lt;list&gt;</c>.
/// Values the original lacks are taken from the patch with their nulls and directives stripped.
/// </summary>
internal static partial class StrategicMergePatch
{
    /// <summary>Returns <paramref name="original"/> patched; neither input is changed.</summary>
    /// <param name="original">The stored object, a JSON object.</param>
    /// <param name="patch">The patch, a JSON object.</param>
    /// <param name="modelType">The KubernetesClient model of the resource (k8s.Models.V1Deployment …), source of the merge keys.</param>
    /// <exception cref="PatchException">The patch is malformed or cannot be applied.</exception>
    public static JsonNode Apply(JsonNode original, JsonNode patch, Type modelType)
    {
        if (original is not JsonObject originalObject || patch is not JsonObject patchObject)
        {
            throw StrategicMergeErrors.BadJsonDocument();
        }

        // The merge works in place on private copies: elements move from the copies into the result.
        return MergeMap((JsonObject)originalObject.DeepClone(), (JsonObject)patchObject.DeepClone(), PatchSchema.For(modelType));
    }

    /// <summary>Merges <paramref name="patch"/> into <paramref name="original"/>; returns it, or a new object for a map directive.</summary>
    private static JsonObject MergeMap(JsonObject original, JsonObject patch, PatchSchema schema)
    {
        if (patch.TryGetPropertyValue(DirectiveMarker, out var directive))
        {
            return ApplyMapDirective(directive, patch, schema);
        }

        ApplyRetainKeys(original, patch);
        MergeOrderedLists(original, patch, schema);

        foreach (var (patchKey, patchValue) in patch.ToList())
        {
            var key = patchKey;
            var isDeleteList = false;
            if (patchKey.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal))
            {
                key = ExtractKey(patchKey, DeleteFromPrimitiveListPrefix) ?? throw StrategicMergeErrors.BadPrimitiveList();
                isDeleteList = true;
            }
            else if (patchKey.StartsWith('$') && schema.RefusesKey(patchKey))
            {
                throw StrategicMergeErrors.UnknownDirective(patchKey, schema.Name);
            }

            if (patchValue is null)
            {
                original.Remove(key);
                continue;
            }

            var (fieldSchema, strategy) = schema.Field(key);
            original.TryGetPropertyValue(key, out var originalValue);
            if (isDeleteList)
            {
                // Deleting from a list the original lacks deletes nothing.
                var deleteList = patchValue as JsonArray ?? throw StrategicMergeErrors.BadPrimitiveList();
                if (originalValue is JsonArray originalList)
                {
                    Put(original, key, MergeListField(originalList, deleteList, fieldSchema, strategy, isDeleteList: true));
                }

                continue;
            }

            JsonNode? merged = (originalValue, patchValue) switch
            {
                (JsonObject originalMap, JsonObject patchMap) => MergeMap(originalMap, patchMap, fieldSchema),
                (JsonArray originalList, JsonArray patchList) => MergeListField(originalList, patchList, fieldSchema, strategy, isDeleteList: false),
                _ => null,
            };

            if (merged is not null)
            {
                Put(original, key, merged);
            }
            else if (TryClean(patchValue, fieldSchema, out var cleaned))
            {
                // Absent from the original, a different kind of value, or a scalar: the patch value wins.
                Put(original, key, cleaned);
            }
            else
            {
                original.Remove(key);
            }
        }

        return original;
    }

    /// <summary>Stores <paramref name="value"/> unless it already is the member (merged in place).</summary>
    private static void Put(JsonObject target, string key, JsonNode? value)
    {
        if (target.TryGetPropertyValue(key, out var current) && ReferenceEquals(current, value))
        {
            return;
        }

        target[key] = value;
    }

    /// <summary>Empties <paramref name="array"/> and returns its elements, now free to join another parent.</summary>
    private static List<JsonNode?> Detach(JsonArray array)
    {
        var items = array.ToList();
        array.Clear();
        return items;
    }
}
