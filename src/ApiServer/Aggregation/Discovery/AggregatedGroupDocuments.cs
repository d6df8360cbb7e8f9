namespace Orchestrator.ApiServer.Aggregation.Discovery;

/// <summary>
/// The discovery entries of a group served through APIServices, its versions already in
/// <see cref="ApiServiceOrder"/> (the first is preferred): the legacy APIGroup (kube-aggregator's
/// convertToDiscoveryAPIGroup, for /apis and /apis/&lt;group&gt;) and the aggregated APIGroupDiscovery item.
/// </summary>
internal static class AggregatedGroupDocuments
{
    public static JsonObject ApiGroup(IReadOnlyList<ApiServiceEntry> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var group = versions[0].Group;
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)ForDiscovery(v))]),
            ["preferredVersion"] = ForDiscovery(versions[0]),
        };
    }

    /// <param name="resources">A version's cached resources and whether they are current; null when never fetched.</param>
    public static JsonObject AggregatedGroup(IReadOnlyList<ApiServiceEntry> versions, Func<ApiServiceEntry, (JsonArray Resources, bool Current)?> resources)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(resources);
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = versions[0].Group, ["creationTimestamp"] = null },
            ["versions"] = new JsonArray([.. versions.Select(v =>
            {
                var known = resources(v);
                return (JsonNode)new JsonObject
                {
                    ["version"] = v.Version,
                    ["resources"] = known?.Resources.DeepClone() ?? new JsonArray(),
                    ["freshness"] = known is { Current: true } ? "Current" : "Stale",
                };
            })]),
        };
    }

    private static JsonObject ForDiscovery(ApiServiceEntry version) => new() { ["groupVersion"] = version.GroupVersion, ["version"] = version.Version };
}
