using k8s.Models;

namespace Orchestrator.ApiServer.FieldManagement;

/// <summary>
/// The fields an object sets, as a <see cref="FieldSet"/>: objects and maps descend into their
/// keys, lists merged by key descend into <c>k:</c> items, merged lists of scalars are sets of
/// <c>v:</c> items, and everything else (scalars, atomic lists, label selectors, empty objects) is
/// a leaf. Maps and list items are members themselves too, as upstream records them.
/// </summary>
internal static class ObjectFields
{
    /// <summary>The metadata fields a manager can own.</summary>
    public static readonly string[] OwnedMetadata = ["labels", "annotations", "finalizers", "ownerReferences"];

    /// <summary>The fields of <paramref name="obj"/> a write of <paramref name="scope"/> can own (metadata identity and type fields never; status only through its subresource).</summary>
    public static FieldSet Of(JsonObject obj, Type modelType, FieldScope scope)
    {
        var set = new FieldSet();
        var schema = PatchSchema.For(modelType);
        foreach (var (key, value) in obj)
        {
            if (!scope.Includes(key))
            {
                continue;
            }

            var (childSchema, strategy) = schema.Field(key);
            if (key == "metadata" && value is JsonObject metadata)
            {
                var metaNode = new FieldSet();
                foreach (var (metaKey, metaValue) in metadata)
                {
                    if (OwnedMetadata.Contains(metaKey))
                    {
                        var (metaSchema, metaStrategy) = childSchema.Field(metaKey);
                        Value(metaValue, metaSchema, metaStrategy, metaNode.Child(FieldPath.Field(metaKey)));
                    }
                }

                if (!metaNode.IsEmpty)
                {
                    CopyInto(set.Child(FieldPath.Field(key)), metaNode);
                }

                continue;
            }

            Value(value, childSchema, strategy, set.Child(FieldPath.Field(key)));
        }

        return set;
    }

    /// <summary>The members of <paramref name="set"/> whose value in <paramref name="after"/> is new or differs from <paramref name="before"/>.</summary>
    public static FieldSet Changed(FieldSet set, JsonNode? before, bool beforeExists, JsonNode? after)
    {
        var result = new FieldSet();
        foreach (var (key, child) in set.Children)
        {
            var (oldFound, oldValue) = beforeExists ? Resolve(before, key) : (false, null);
            var (_, newValue) = Resolve(after, key);
            var changed = Changed(child, oldValue, oldFound, newValue);
            if (child.IsMember && (!oldFound || (!child.Children.Any() && !JsonNode.DeepEquals(oldValue, newValue))))
            {
                changed.IsMember = true;
            }

            if (!changed.IsEmpty)
            {
                CopyInto(result.Child(key), changed);
            }
        }

        return result;
    }

    /// <summary>Removes every member of <paramref name="remove"/> from <paramref name="obj"/>, except paths where <paramref name="keep"/> still has members.</summary>
    public static void Remove(JsonNode? obj, FieldSet remove, FieldSet keep)
    {
        foreach (var (key, child) in remove.Children)
        {
            var kept = keep.Find(key);
            var (found, value) = Resolve(obj, key);
            if (!found)
            {
                continue;
            }

            if (child.IsMember && kept is not { HasMembers: true })
            {
                Delete(obj, key);
                continue;
            }

            Remove(value, child, kept ?? new FieldSet());
        }
    }

    /// <summary>The value one path element names, and whether it is there at all.</summary>
    public static (bool Found, JsonNode? Value) Resolve(JsonNode? node, string element)
    {
        if (element.StartsWith("f:", StringComparison.Ordinal))
        {
            return node is JsonObject obj && obj.TryGetPropertyValue(element[2..], out var value) ? (true, value) : (false, null);
        }

        if (node is not JsonArray array)
        {
            return (false, null);
        }

        var index = IndexOf(array, element);
        return index >= 0 ? (true, array[index]) : (false, null);
    }

    private static void Delete(JsonNode? node, string element)
    {
        if (element.StartsWith("f:", StringComparison.Ordinal))
        {
            (node as JsonObject)?.Remove(element[2..]);
        }
        else if (node is JsonArray array && IndexOf(array, element) is >= 0 and var index)
        {
            array.RemoveAt(index);
        }
    }

    private static int IndexOf(JsonArray array, string element)
    {
        if (element.StartsWith("v:", StringComparison.Ordinal))
        {
            var wanted = FieldPath.Parse(element[2..]);
            for (var i = 0; i < array.Count; i++)
            {
                if (JsonNode.DeepEquals(array[i], wanted))
                {
                    return i;
                }
            }
        }
        else if (element.StartsWith("k:", StringComparison.Ordinal) && FieldPath.Parse(element[2..]) is JsonObject keys)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is JsonObject item && keys.All(k => JsonNode.DeepEquals(item[k.Key], k.Value)))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    private static void Value(JsonNode? value, PatchSchema schema, PatchStrategy? strategy, FieldSet node)
    {
        switch (value)
        {
            case JsonObject { Count: > 0 } obj when schema.Model != typeof(V1LabelSelector):
                foreach (var (key, child) in obj)
                {
                    var (childSchema, childStrategy) = schema.Field(key);
                    Value(child, childSchema, childStrategy, node.Child(FieldPath.Field(key)));
                }

                node.IsMember |= schema.IsMap;
                break;
            case JsonArray { Count: > 0 } array when strategy is { Merge: true }:
                if (!Items(array, schema, strategy.MergeKey, node))
                {
                    node.IsMember = true;
                }

                break;
            default:
                node.IsMember = true;
                break;
        }
    }

    /// <summary>Adds the items of a merged list; false when an item lacks its key (the list is then owned whole).</summary>
    private static bool Items(JsonArray array, PatchSchema schema, string? mergeKey, FieldSet node)
    {
        var items = new List<(string Key, JsonNode? Item)>();
        foreach (var item in array)
        {
            if (ItemKey(item, mergeKey) is not { } key)
            {
                return false;
            }

            items.Add((key, mergeKey is null ? null : item));
        }

        foreach (var (key, item) in items)
        {
            var child = node.Child(key);
            child.IsMember = true;
            if (item is JsonObject obj)
            {
                foreach (var (field, value) in obj)
                {
                    var (childSchema, childStrategy) = schema.Field(field);
                    Value(value, childSchema, childStrategy, child.Child(FieldPath.Field(field)));
                }
            }
        }

        return true;
    }

    /// <summary>
    /// The path element of an item of a merged list: <c>v:</c> its value in a list of scalars, <c>k:</c>
    /// its key in a list of objects (ports by number and protocol, as upstream's x-kubernetes-list-map-keys);
    /// null when an object item lacks its key.
    /// </summary>
    public static string? ItemKey(JsonNode? item, string? mergeKey)
    {
        if (mergeKey is null)
        {
            return FieldPath.Value(item);
        }

        if (item is not JsonObject obj || !obj.TryGetPropertyValue(mergeKey, out var keyValue) || keyValue is null)
        {
            return null;
        }

        return mergeKey is "containerPort" or "port" && obj["protocol"] is { } protocol
            ? FieldPath.Key(mergeKey, keyValue, "protocol", protocol)
            : FieldPath.Key(mergeKey, keyValue);
    }

    private static void CopyInto(FieldSet target, FieldSet source)
    {
        target.IsMember |= source.IsMember;
        foreach (var (key, child) in source.Children)
        {
            CopyInto(target.Child(key), child);
        }
    }
}
