using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Discovery;

/// <summary>
/// The discovery documents, built from the registry: aggregated (v2, v2beta1) and legacy; the groups of
/// <paramref name="extra"/> (aggregated API servers) follow the registry's own.
/// </summary>
internal sealed class DiscoveryDocuments(ResourceRegistry registry, IDiscoveryGroupSource? extra = null)
{
    /// <summary>Aggregated discovery of the core group (<paramref name="core"/>) or of every other group.</summary>
    public JsonObject Aggregated(bool core, DiscoveryFormat format)
    {
        var groups = registry.Groups.Where(g => (g.Length == 0) == core);
        return new JsonObject
        {
            ["kind"] = "APIGroupDiscoveryList",
            ["apiVersion"] = format == DiscoveryFormat.AggregatedV2 ? "apidiscovery.k8s.io/v2" : "apidiscovery.k8s.io/v2beta1",
            ["metadata"] = new JsonObject(),
            ["items"] = new JsonArray([.. groups.Select(g => (JsonNode)AggregatedGroup(g)), .. core ? [] : Extra(e => e.AggregatedGroups())]),
        };
    }

    public JsonObject ApiVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public JsonObject ApiGroupList() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. registry.Groups.Where(g => g.Length > 0).Select(g => (JsonNode)ApiGroup(g)), .. Extra(e => e.ApiGroups())]),
    };

    public JsonObject ApiGroup(string group)
    {
        var versions = Versions(group).Select(v => (JsonNode)new JsonObject { ["groupVersion"] = $"{group}/{v}", ["version"] = v });
        var preferred = Versions(group).First();
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = new JsonArray([.. versions]),
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{group}/{preferred}", ["version"] = preferred },
        };
    }

    public bool HasGroup(string group) => registry.Groups.Contains(group);

    public bool HasGroupVersion(string group, string version) => registry.InGroupVersion(group, version).Any();

    /// <summary>The legacy APIResourceList of one group/version; subresources are "parent/sub" entries.</summary>
    public JsonObject ResourceList(string group, string version)
    {
        var resources = new JsonArray();
        foreach (var resource in registry.InGroupVersion(group, version))
        {
            var entry = new JsonObject
            {
                ["name"] = resource.Plural,
                ["singularName"] = resource.Singular,
                ["namespaced"] = resource.Namespaced,
                ["kind"] = resource.Kind,
                ["verbs"] = Strings(resource.Verbs),
            };
            if (resource.ShortNames.Count > 0)
            {
                entry["shortNames"] = Strings(resource.ShortNames);
            }

            if (resource.Categories.Count > 0)
            {
                entry["categories"] = Strings(resource.Categories);
            }

            resources.Add(entry);
            foreach (var sub in resource.Subresources)
            {
                var subEntry = new JsonObject
                {
                    ["name"] = $"{resource.Plural}/{sub.Name}",
                    ["singularName"] = "",
                    ["namespaced"] = resource.Namespaced,
                    ["kind"] = sub.Kind,
                    ["verbs"] = Strings(sub.Verbs),
                };
                if (sub.Group != resource.Group || sub.Version != resource.Version)
                {
                    subEntry["group"] = sub.Group;
                    subEntry["version"] = sub.Version;
                }

                resources.Add(subEntry);
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    private JsonObject AggregatedGroup(string group) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = group, ["creationTimestamp"] = null },
        ["versions"] = new JsonArray([.. Versions(group).Select(v => (JsonNode)new JsonObject
        {
            ["version"] = v,
            ["freshness"] = "Current",
            ["resources"] = new JsonArray([.. registry.InGroupVersion(group, v).Select(r => (JsonNode)AggregatedResource(r))]),
        })]),
    };

    private static JsonObject AggregatedResource(ResourceDefinition resource)
    {
        var entry = new JsonObject
        {
            ["resource"] = resource.Plural,
            ["singularResource"] = resource.Singular,
            ["scope"] = resource.Namespaced ? "Namespaced" : "Cluster",
            ["responseKind"] = Kind(resource.Group, resource.Version, resource.Kind),
            ["verbs"] = Strings(resource.Verbs),
        };
        if (resource.ShortNames.Count > 0)
        {
            entry["shortNames"] = Strings(resource.ShortNames);
        }

        if (resource.Categories.Count > 0)
        {
            entry["categories"] = Strings(resource.Categories);
        }

        if (resource.Subresources.Count > 0)
        {
            entry["subresources"] = new JsonArray([.. resource.Subresources.Select(s => (JsonNode)new JsonObject
            {
                ["subresource"] = s.Name,
                ["responseKind"] = Kind(s.Group, s.Version, s.Kind),
                ["verbs"] = Strings(s.Verbs),
            })]);
        }

        return entry;
    }

    /// <summary>The extra groups (legacy or aggregated items), without any group the registry serves itself.</summary>
    private IEnumerable<JsonNode> Extra(Func<IDiscoveryGroupSource, IReadOnlyList<JsonObject>> groups) =>
        extra is null ? [] : groups(extra).Where(g => !registry.Groups.Contains(g.StringOrNull("name") ?? g.String("metadata", "name")));

    private IEnumerable<string> Versions(string group) => registry.All.Where(r => r.Group == group).Select(r => r.Version).Distinct();

    private static JsonObject Kind(string group, string version, string kind) => new() { ["group"] = group, ["version"] = version, ["kind"] = kind };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
