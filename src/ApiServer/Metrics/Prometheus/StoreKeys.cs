using System.Collections.Frozen;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.Metrics.Prometheus;

/// <summary>
/// The resource a store key belongs to, spelled as upstream's storage metrics label it: <c>pods</c>,
/// <c>deployments.apps</c>. Keys are <c>/registry/[group/]plural/…</c> (<see cref="Storage.ObjectKeys"/>);
/// a first segment is a group when a built-in resource has that group or it has a dot (custom resources).
/// </summary>
internal static class StoreKeys
{
    private const string Root = "/registry/";

    private static readonly FrozenSet<string> Groups =
        ResourceRegistry.BuiltIn.All.Select(r => r.Group).Where(g => g.Length > 0).ToFrozenSet(StringComparer.Ordinal);

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

        var firstText = first.ToString();
        if (!Groups.Contains(firstText) && !first.Contains('.'))
        {
            return firstText;
        }

        var second = Segment(afterFirst, out _);
        return second.Length == 0 ? firstText : $"{second}.{firstText}";
    }

    private static ReadOnlySpan<char> Segment(ReadOnlySpan<char> path, out ReadOnlySpan<char> rest)
    {
        var end = path.IndexOf('/');
        rest = end < 0 ? [] : path[(end + 1)..];
        return end < 0 ? path : path[..end];
    }
}
