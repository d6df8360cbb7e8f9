using Orchestrator.ApiMachinery.Versions;

namespace Orchestrator.ApiServer.Aggregation;

/// <summary>
/// kube-aggregator's SortedByGroupAndVersion: groups in the order of their highest-priority APIService (the higher
/// <c>groupPriorityMinimum</c> first, then by APIService name); inside a group the versions by <c>versionPriority</c>
/// (higher first), then by <see cref="KubeAwareVersion"/>. The first version of a group is its preferred one.
/// </summary>
internal static class ApiServiceOrder
{
    public static IReadOnlyList<IReadOnlyList<ApiServiceEntry>> ByGroupAndVersion(IEnumerable<ApiServiceEntry> apiServices)
    {
        var groups = new List<List<ApiServiceEntry>>();
        foreach (var entry in apiServices.OrderByDescending(a => a.GroupPriorityMinimum).ThenBy(a => a.Name, StringComparer.Ordinal))
        {
            if (groups.Find(g => g[0].Group == entry.Group) is { } existing)
            {
                existing.Add(entry);
            }
            else
            {
                groups.Add([entry]);
            }
        }

        foreach (var group in groups)
        {
            group.Sort(static (a, b) => a.VersionPriority != b.VersionPriority
                ? b.VersionPriority.CompareTo(a.VersionPriority)
                : KubeAwareVersion.Compare(b.Version, a.Version));
        }

        return groups;
    }
}
