namespace Orchestrator.ApiServer.Metrics.Prometheus;

/// <summary>
/// The resource a store key belongs to, spelled as upstream's storage metrics label it: <c>pods</c>,
/// <c>deployments.apps</c>. Keys are <c>/registry/[group/]plural/…</c> (<see cref="Storage.ObjectKeys"/>);
/// a first segment is a group when a built-in resource has that group or it has a dot (custom resources).
/// </summary>
internal static class StoreKeys
{
    private const string Root = "/registry/";

    // Types are few (one per resource), so each key prefix's type is made once and calls allocate nothing; the bound
    // keeps keys of made-up resources from growing the cache without end.
    private const int MaxCached = 1024;

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> GroupsBySpan =
        ResourceRegistry.BuiltIn.All.Select(r => r.Group).Where(g => g.Length > 0).ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly ConcurrentDictionary<string, string> Types = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> TypesBySpan = Types.GetAlternateLookup<ReadOnlySpan<char>>();

    public static string TypeOf(string key)
    {
        if (!key.StartsWith(Root, StringComparison.Ordinal))
        {
            return "other";
        }

        var rest = key.AsSpan(Root.Length);
        var first = Segment(rest, out var afterFirst);
        if (first.Length == 0)
        {
            return "other";
        }

        var grouped = GroupsBySpan.Contains(first) || first.Contains('.');
        var second = grouped ? Segment(afterFirst, out _) : [];
        var prefix = grouped && second.Length > 0 ? rest[..(first.Length + 1 + second.Length)] : first;
        if (TypesBySpan.TryGetValue(prefix, out var type))
        {
            return type;
        }

        type = second.Length == 0 ? first.ToString() : $"{second}.{first}";
        if (Types.Count < MaxCached)
        {
            Types.TryAdd(prefix.ToString(), type);
        }

        return type;
    }

    private static ReadOnlySpan<char> Segment(ReadOnlySpan<char> path, out ReadOnlySpan<char> rest)
    {
        var end = path.IndexOf('/');
        rest = end < 0 ? [] : path[(end + 1)..];
        return end < 0 ? path : path[..end];
    }
}
