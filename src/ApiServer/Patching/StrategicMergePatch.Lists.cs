namespace Orchestrator.ApiServer.Patching;

/// <summary>Merging one list field: by merge key for objects, as a union for scalars, or replacing it.</summary>
internal static partial class StrategicMergePatch
{
    /// <summary>The merged list as a new array; the elements of both inputs move into it.</summary>
    private static JsonArray MergeListField(JsonArray original, JsonArray patch, PatchSchema elementSchema, PatchStrategy? strategy, bool isDeleteList)
    {
        if (strategy is not { Merge: true } && !isDeleteList)
        {
            TryClean(patch, elementSchema, out var replacement);
            return (JsonArray)replacement!;
        }

        if (original.Count == 0 && patch.Count == 0)
        {
            return [];
        }

        var kind = ElementKind(original, patch);
        var originalItems = Detach(original);
        var patchItems = Detach(patch);
        if (kind != JsonValueKind.Object)
        {
            return isDeleteList
                ? [.. originalItems.Where(item => !patchItems.Any(deleted => JsonNode.DeepEquals(item, deleted)))]
                : MergeScalars(originalItems, patchItems);
        }

        if (isDeleteList)
        {
            throw StrategicMergeErrors.BadPrimitiveList();
        }

        var mergeKey = strategy?.MergeKey ?? throw StrategicMergeErrors.NoMergeKeyDeclared(elementSchema.Name);
        var (remaining, elements, replace) = ApplyElementDirectives(originalItems, patchItems, mergeKey);
        if (replace)
        {
            TryClean(new JsonArray([.. elements]), elementSchema, out var replacement);
            return (JsonArray)replacement!;
        }

        var merged = new List<JsonNode?>(remaining);
        foreach (var element in elements)
        {
            var keyValue = MergeKeyOf(element, mergeKey);
            var index = merged.FindIndex(item => item is JsonObject map && map.TryGetPropertyValue(mergeKey, out var itemKey) && JsonNode.DeepEquals(itemKey, keyValue));
            if (index >= 0)
            {
                merged[index] = MergeMap((JsonObject)merged[index]!, (JsonObject)element!, elementSchema);
            }
            else if (TryClean(element, elementSchema, out var added))
            {
                merged.Add(added);
            }
        }

        // Patch elements take the patch's order, the others keep the original's (upstream's mergeSlice).
        var (inPatch, serverOnly) = Partition(merged, elements, mergeKey);
        return [.. NormalizeOrder(inPatch, serverOnly, elements, remaining, mergeKey)];
    }

    /// <summary>Union of two scalar lists without duplicates: patch values in patch order, among the originals.</summary>
    private static JsonArray MergeScalars(List<JsonNode?> originalItems, List<JsonNode?> patchItems)
    {
        var union = new List<JsonNode?>();
        foreach (var item in originalItems.Concat(patchItems))
        {
            if (!union.Any(kept => JsonNode.DeepEquals(kept, item)))
            {
                union.Add(item);
            }
        }

        var (inPatch, serverOnly) = Partition(union, patchItems, mergeKey: null);
        return [.. NormalizeOrder(inPatch, serverOnly, patchItems, originalItems, mergeKey: null)];
    }

    /// <summary>
    /// Handles the list elements that carry <c>$patch</c>: "delete" removes the original elements with that
    /// merge key, "replace" makes the other patch elements the whole list. Returns the original elements
    /// left, the plain patch elements, and whether the list is replaced.
    /// </summary>
    private static (List<JsonNode?> Remaining, List<JsonNode?> Elements, bool Replace) ApplyElementDirectives(
        List<JsonNode?> originalItems, List<JsonNode?> patchItems, string mergeKey)
    {
        var remaining = new List<JsonNode?>(originalItems);
        var elements = new List<JsonNode?>();
        var replace = false;
        foreach (var item in patchItems)
        {
            var element = (JsonObject)item!;
            if (!element.TryGetPropertyValue(DirectiveMarker, out var directive))
            {
                elements.Add(element);
                continue;
            }

            switch (DirectiveName(directive))
            {
                case DeleteDirective:
                    var keyValue = MergeKeyOf(element, mergeKey);
                    remaining.RemoveAll(original => original is JsonObject map && map.TryGetPropertyValue(mergeKey, out var originalKey) && JsonNode.DeepEquals(originalKey, keyValue));
                    break;
                case ReplaceDirective:
                    // Keep going: the remaining directives are dropped with the rest of the original.
                    replace = true;
                    break;
                case MergeDirective:
                    throw StrategicMergeErrors.MergeListDirective();
                default:
                    throw StrategicMergeErrors.BadPatchType(directive, element);
            }
        }

        return (remaining, elements, replace);
    }

    /// <summary>The merge-key value of a list element; the element must be an object that has it (it may be null).</summary>
    private static JsonNode? MergeKeyOf(JsonNode? element, string mergeKey)
    {
        if (element is not JsonObject map)
        {
            throw StrategicMergeErrors.NotAMap(mergeKey);
        }

        return map.TryGetPropertyValue(mergeKey, out var value) ? value : throw StrategicMergeErrors.NoMergeKey(map, mergeKey);
    }

    /// <summary>The one kind shared by every element of both lists: objects or one scalar kind, never lists.</summary>
    private static JsonValueKind ElementKind(JsonArray original, JsonArray patch)
    {
        JsonValueKind? kind = null;
        foreach (var item in original.Concat(patch))
        {
            var itemKind = item?.GetValueKind() ?? JsonValueKind.Null;
            if (itemKind == JsonValueKind.False)
            {
                itemKind = JsonValueKind.True;
            }

            if (kind is null && itemKind == JsonValueKind.Array)
            {
                throw StrategicMergeErrors.NoListOfLists();
            }

            if (kind is not null && kind != itemKind)
            {
                throw StrategicMergeErrors.MixedElementTypes(original, patch);
            }

            kind = itemKind;
        }

        return kind!.Value;
    }
}
