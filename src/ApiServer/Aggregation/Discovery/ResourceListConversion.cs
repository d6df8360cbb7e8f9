using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Aggregation.Discovery;

/// <summary>
/// apiserver's ConvertGroupVersionIntoToDiscovery: a legacy APIResourceList (what every aggregated server answers at
/// /apis/&lt;group&gt;/&lt;version&gt;) as the resources of an aggregated-discovery version. A "parent/sub" entry becomes a
/// subresource of its parent; a response kind without group or version takes the list's.
/// </summary>
internal static class ResourceListConversion
{
    public static JsonArray Resources(JsonObject resourceList, string group, string version)
    {
        ArgumentNullException.ThrowIfNull(resourceList);
        var parents = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var resources = new JsonArray();
        var entries = resourceList.Objects("resources");
        foreach (var entry in entries.Where(e => !e.String("name").Contains('/', StringComparison.Ordinal)))
        {
            var resource = new JsonObject
            {
                ["resource"] = entry.String("name"),
                ["responseKind"] = Kind(entry, group, version),
                ["scope"] = entry.Bool("namespaced") ? "Namespaced" : "Cluster",
                ["singularResource"] = entry.String("singularName"),
                ["verbs"] = Copy(entry["verbs"]),
            };
            CopyIfAny(entry, resource, "shortNames");
            CopyIfAny(entry, resource, "categories");
            parents[entry.String("name")] = resource;
            resources.Add(resource);
        }

        foreach (var entry in entries)
        {
            var parts = entry.String("name").Split('/', 2);
            if (parts.Length != 2 || !parents.TryGetValue(parts[0], out var parent))
            {
                continue;
            }

            if (parent["subresources"] is not JsonArray subresources)
            {
                subresources = [];
                parent["subresources"] = subresources;
            }

            subresources.Add(new JsonObject
            {
                ["subresource"] = parts[1],
                ["responseKind"] = Kind(entry, group, version),
                ["verbs"] = Copy(entry["verbs"]),
            });
        }

        return resources;
    }

    private static JsonObject Kind(JsonObject entry, string group, string version) => new()
    {
        ["group"] = entry.StringOrNull("group") ?? group,
        ["version"] = entry.StringOrNull("version") ?? version,
        ["kind"] = entry.String("kind"),
    };

    private static JsonNode Copy(JsonNode? node) => node?.DeepClone() ?? new JsonArray();

    private static void CopyIfAny(JsonObject from, JsonObject to, string field)
    {
        if (from[field] is JsonArray { Count: > 0 } values)
        {
            to[field] = values.DeepClone();
        }
    }
}
