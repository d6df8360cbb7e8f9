using System.Text.Json.Nodes;

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
    private SortedDictionary<string, FieldSet>? _children;

    public bool IsMember { get; set; }

    public IEnumerable<KeyValuePair<string, FieldSet>> Children => _children ?? [];

    public bool IsEmpty => !IsMember && Children.All(c => c.Value.IsEmpty);

    public FieldSet Child(string key)
    {
        _children ??= new SortedDictionary<string, FieldSet>(StringComparer.Ordinal);
        if (!_children.TryGetValue(key, out var child))
        {
            child = new FieldSet();
            _children[key] = child;
        }

        return child;
    }

    public FieldSet? Find(string key) => _children is not null && _children.TryGetValue(key, out var child) ? child : null;

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

            set._children ??= new SortedDictionary<string, FieldSet>(StringComparer.Ordinal);
            set._children[key] = child;
        }

        return set;
    }

    public JsonObject ToFieldsV1()
    {
        var obj = new JsonObject();
        var children = Children.Where(c => !c.Value.IsEmpty).ToList();
        if (IsMember && children.Count > 0)
        {
            obj["."] = new JsonObject();
        }

        foreach (var (key, child) in children)
        {
            obj[key] = child.ToFieldsV1();
        }

        return obj;
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
