namespace Orchestrator.ApiServer.Patching;

/// <summary>
/// <c>$setElementOrder/&lt;list&gt;</c> and the ordering of merged lists. Upstream's precedence:
/// the order list first, then the patch's order, then the original's (design proposal
/// "preserve-order-in-strategic-merge-patch").
/// </summary>
internal static partial class StrategicMergePatch
{
    /// <summary>Merges every list that has a <c>$setElementOrder</c> directive and puts it in that order; removes both from the patch.</summary>
    private static void MergeOrderedLists(JsonObject original, JsonObject patch, PatchSchema schema)
    {
        var directives = patch.Where(p => p.Key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal)).ToList();
        foreach (var (directiveKey, orderNode) in directives)
        {
            patch.Remove(directiveKey);
            var key = ExtractKey(directiveKey, SetElementOrderPrefix) ?? throw StrategicMergeErrors.BadSetElementOrder();
            var order = orderNode as JsonArray ?? throw StrategicMergeErrors.BadSetElementOrder();
            var originalList = ListMember(original, key);
            patch.TryGetPropertyValue(key, out var patchValue);
            if (patch.ContainsKey(key) && patchValue is null)
            {
                // The list itself is deleted; the null is applied with the other keys.
                continue;
            }

            var patchList = ListMember(patch, key);
            var (elementSchema, strategy) = schema.Field(key);
            ValidateOrder(patchList, order, strategy?.MergeKey);

            var serverOrder = originalList?.ToList() ?? [];
            JsonArray merged;
            if (originalList is not null && patchList is not null)
            {
                merged = MergeListField(originalList, patchList, elementSchema, strategy, isDeleteList: false);
            }
            else if (patchList is not null)
            {
                TryClean(patchList, elementSchema, out var added);
                merged = (JsonArray)added!;
            }
            else if (originalList is not null)
            {
                merged = originalList;
            }
            else
            {
                continue;
            }

            var items = Detach(merged);
            var mergeKey = items.FirstOrDefault()?.GetValueKind() == JsonValueKind.Object
                ? strategy?.MergeKey ?? throw StrategicMergeErrors.NoMergeKeyDeclared(elementSchema.Name)
                : null;
            var (inOrder, serverOnly) = Partition(items, order, mergeKey);
            original[key] = new JsonArray([.. NormalizeOrder(inOrder, serverOnly, [.. order], serverOrder, mergeKey)]);
            patch.Remove(key);
        }
    }

    /// <summary>The list at <paramref name="key"/>, null when absent or null; anything else is an error.</summary>
    private static JsonArray? ListMember(JsonObject map, string key) =>
        map.TryGetPropertyValue(key, out var value) && value is not null
            ? value as JsonArray ?? throw StrategicMergeErrors.NotAList(key, value)
            : null;

    /// <summary>
    /// The patch list, deletions and directive elements aside, must appear in the order list in the same
    /// relative order (upstream's validatePatchWithSetOrderList).
    /// </summary>
    private static void ValidateOrder(JsonArray? patchList, JsonArray order, string? mergeKey)
    {
        if (patchList is null || patchList.Count == 0 || order.Count == 0)
        {
            return;
        }

        var patchItems = patchList
            .Where(item => mergeKey is null || DirectiveName((item as JsonObject ?? throw StrategicMergeErrors.NotAMap(mergeKey))[DirectiveMarker]) != DeleteDirective)
            .ToList();
        int patchIndex = 0, orderIndex = 0;
        while (patchIndex < patchItems.Count && orderIndex < order.Count)
        {
            if (patchItems[patchIndex] is JsonObject map && map.ContainsKey(DirectiveMarker))
            {
                patchIndex++;
                continue;
            }

            var same = mergeKey is null
                ? JsonNode.DeepEquals(patchItems[patchIndex], order[orderIndex])
                : JsonNode.DeepEquals(MergeKeyOf(patchItems[patchIndex], mergeKey), MergeKeyOf(order[orderIndex], mergeKey));
            if (same)
            {
                patchIndex++;
            }

            orderIndex++;
        }

        if (patchIndex < patchItems.Count)
        {
            throw StrategicMergeErrors.OrderMismatch(patchList, order);
        }
    }

    /// <summary>Splits <paramref name="items"/> into those present in <paramref name="by"/> (by merge key, or by value) and the rest.</summary>
    private static (List<JsonNode?> Present, List<JsonNode?> Absent) Partition(List<JsonNode?> items, IEnumerable<JsonNode?> by, string? mergeKey)
    {
        var byList = by.ToList();
        var present = new List<JsonNode?>();
        var absent = new List<JsonNode?>();
        foreach (var item in items)
        {
            (IndexOf(byList, item, mergeKey) >= 0 ? present : absent).Add(item);
        }

        return (present, absent);
    }

    /// <summary>
    /// Sorts the patch items by <paramref name="patchOrder"/> and the server-only items by
    /// <paramref name="serverOrder"/>, then interleaves them: a server-only item goes before the next patch
    /// item when it came before that item in the original (upstream's normalizeElementOrder).
    /// </summary>
    private static List<JsonNode?> NormalizeOrder(List<JsonNode?> patchItems, List<JsonNode?> serverOnly, List<JsonNode?> patchOrder, List<JsonNode?> serverOrder, string? mergeKey)
    {
        if (mergeKey is not null)
        {
            foreach (var item in patchItems.Concat(patchOrder).Concat(serverOnly).Concat(serverOrder))
            {
                MergeKeyOf(item, mergeKey);
            }
        }

        var right = SortByOrder(patchItems, patchOrder, mergeKey);
        var left = SortByOrder(serverOnly, serverOrder, mergeKey);
        var result = new List<JsonNode?>(left.Count + right.Count);
        int i = 0, j = 0;
        while (i < left.Count || j < right.Count)
        {
            if (j >= right.Count)
            {
                result.Add(left[i++]);
            }
            else if (i >= left.Count)
            {
                result.Add(right[j++]);
            }
            else
            {
                var leftIndex = IndexOf(serverOrder, left[i], mergeKey);
                var rightIndex = IndexOf(serverOrder, right[j], mergeKey);
                result.Add(leftIndex >= 0 && rightIndex >= 0 && leftIndex < rightIndex ? left[i++] : right[j++]);
            }
        }

        return result;
    }

    /// <summary>Stable sort by position in <paramref name="order"/>; items not in it go last, in their own order.</summary>
    private static List<JsonNode?> SortByOrder(List<JsonNode?> items, List<JsonNode?> order, string? mergeKey) =>
        [.. items
            .Select(item => (Item: item, Index: IndexOf(order, item, mergeKey)))
            .OrderBy(entry => entry.Index < 0 ? 1 : 0)
            .ThenBy(entry => entry.Index < 0 ? 0 : entry.Index)
            .Select(entry => entry.Item)];

    /// <summary>Position of <paramref name="item"/> in <paramref name="list"/>, matched by merge key or by value; -1 when absent.</summary>
    private static int IndexOf(List<JsonNode?> list, JsonNode? item, string? mergeKey)
    {
        if (mergeKey is null)
        {
            return list.FindIndex(candidate => JsonNode.DeepEquals(candidate, item));
        }

        if (item is not JsonObject map || !map.TryGetPropertyValue(mergeKey, out var key))
        {
            return -1;
        }

        return list.FindIndex(candidate => candidate is JsonObject other && other.TryGetPropertyValue(mergeKey, out var otherKey) && JsonNode.DeepEquals(otherKey, key));
    }
}
