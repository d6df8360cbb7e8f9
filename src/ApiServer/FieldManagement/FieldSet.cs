namespace Orchestrator.ApiServer.FieldManagement;

/// <summary>
/// A set of field paths as structured-merge-diff keeps them: a tree whose keys are path elements
/// (<c>f:name</c> for a field, <c>k:{"name":"x"}</c> for a keyed list item, <c>v:"a"</c> for a
/// set item), where a node is a member when the path itself is in the set. Serializes to and from
/// the <c>FieldsV1</c> JSON of managedFields (<c>{}</c> for a member leaf, <c>"."</c> for a member
/// with children). Not thread-safe; sets are built per request.
/// </summary>
internal sealed class FieldSet
{
    // Children in ordinal key order. Nodes have a handful of children, so a sorted list with binary
    // search beats a SortedDictionary, whose trees and enumerators were a tenth of a create's allocations.
    private List<KeyValuePair<string, FieldSet>>? _children;

    // Set by MarkMembers just before writing; meaningless otherwise.
    private bool _hasMembersMark;

    public bool IsMember { get; set; }

    public IEnumerable<KeyValuePair<string, FieldSet>> Children => _children ?? [];

    public bool IsEmpty
    {
        get
        {
            if (IsMember)
            {
                return false;
            }

            if (_children is not null)
            {
                foreach (var (_, child) in _children)
                {
                    if (!child.IsEmpty)
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }

    public FieldSet Child(string key)
    {
        _children ??= [];
        var index = IndexOf(key);
        if (index >= 0)
        {
            return _children[index].Value;
        }

        var child = new FieldSet();
        _children.Insert(~index, new(key, child));
        return child;
    }

    public FieldSet? Find(string key) => _children is not null && IndexOf(key) is >= 0 and var index ? _children[index].Value : null;

    /// <summary>The index of <paramref name="key"/> in <see cref="_children"/>, or the complement of where it belongs.</summary>
    private int IndexOf(string key)
    {
        int low = 0, high = _children!.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var order = string.CompareOrdinal(_children[middle].Key, key);
            if (order == 0)
            {
                return middle;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }

    /// <summary>Reads FieldsV1 JSON; anything malformed yields the part that could be read.</summary>
    public static FieldSet FromFieldsV1(JsonNode? node)
    {
        var set = new FieldSet();
        if (node is not JsonObject obj)
        {
            return set;
        }

        foreach (var (key, value) in obj)
        {
            if (key == ".")
            {
                set.IsMember = true;
                continue;
            }

            var child = FromFieldsV1(value);
            if (value is not JsonObject { Count: > 0 })
            {
                child.IsMember = true;
            }

            // A repeated key keeps its last value, as the dictionary did.
            set._children ??= [];
            var index = set.IndexOf(key);
            if (index >= 0)
            {
                set._children[index] = new(key, child);
            }
            else
            {
                set._children.Insert(~index, new(key, child));
            }
        }

        return set;
    }

    /// <summary>
    /// The FieldsV1 JSON of this set. Written as text and parsed once, so the object is backed by one
    /// document instead of a node per path element (a pod's entry had about sixty).
    /// </summary>
    public JsonObject ToFieldsV1()
    {
        using var scratch = Serialization.JsonScratch.Rent();
        WriteFieldsV1(scratch.Writer);
        return JsonNode.Parse(scratch.Written, documentOptions: Serialization.JsonLimits.Document)!.AsObject();
    }

    /// <summary>Writes the FieldsV1 JSON of this set.</summary>
    public void WriteFieldsV1(Utf8JsonWriter writer)
    {
        MarkMembers();
        WriteMarked(writer);
    }

    /// <summary>Records in every node whether it or anything below it is a member: one pass, so no node is asked twice.</summary>
    private bool MarkMembers()
    {
        var any = IsMember;
        if (_children is not null)
        {
            foreach (var (_, child) in _children)
            {
                any |= child.MarkMembers();
            }
        }

        _hasMembersMark = any;
        return any;
    }

    /// <summary><c>{}</c> for a member leaf, <c>"."</c> first for a member with children; empty children left out.</summary>
    private void WriteMarked(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        var wroteSelf = false;
        if (_children is not null)
        {
            foreach (var (key, child) in _children)
            {
                if (!child._hasMembersMark)
                {
                    continue;
                }

                if (IsMember && !wroteSelf)
                {
                    writer.WriteStartObject(".");
                    writer.WriteEndObject();
                    wroteSelf = true;
                }

                writer.WritePropertyName(key);
                child.WriteMarked(writer);
            }
        }

        writer.WriteEndObject();
    }

    public FieldSet Union(FieldSet other)
    {
        var result = Clone();
        result.AddAll(other);
        return result;
    }

    /// <summary>The members of this set that are not members of <paramref name="other"/>.</summary>
    public FieldSet Difference(FieldSet other)
    {
        var result = new FieldSet { IsMember = IsMember && !other.IsMember };
        foreach (var (key, child) in Children)
        {
            var diff = other.Find(key) is { } theirs ? child.Difference(theirs) : child.Clone();
            if (!diff.IsEmpty)
            {
                result.Child(key).AddAll(diff);
            }
        }

        return result;
    }

    public FieldSet Intersection(FieldSet other)
    {
        var result = new FieldSet { IsMember = IsMember && other.IsMember };
        foreach (var (key, child) in Children)
        {
            if (other.Find(key) is { } theirs && child.Intersection(theirs) is { IsEmpty: false } both)
            {
                result.Child(key).AddAll(both);
            }
        }

        return result;
    }

    /// <summary>Whether this node or anything below it is a member.</summary>
    public bool HasMembers => !IsEmpty;

    /// <summary>Every member path, depth first in key order.</summary>
    public IEnumerable<IReadOnlyList<string>> Members()
    {
        var path = new List<string>();
        return Walk(this, path);

        static IEnumerable<IReadOnlyList<string>> Walk(FieldSet node, List<string> path)
        {
            foreach (var (key, child) in node.Children)
            {
                path.Add(key);
                if (child.IsMember)
                {
                    yield return [.. path];
                }

                foreach (var deeper in Walk(child, path))
                {
                    yield return deeper;
                }

                path.RemoveAt(path.Count - 1);
            }
        }
    }

    public FieldSet Clone()
    {
        var copy = new FieldSet { IsMember = IsMember };
        copy.AddAll(this);
        return copy;
    }

    private void AddAll(FieldSet other)
    {
        IsMember |= other.IsMember;
        foreach (var (key, child) in other.Children)
        {
            Child(key).AddAll(child);
        }
    }
}
