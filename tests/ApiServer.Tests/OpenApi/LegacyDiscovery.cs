using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.Tests.OpenApi;

/// <summary>
/// Just enough legacy discovery (plain application/json) for kubectl to map a resource name to
/// its group-version, so the kubectl tests can exercise the OpenAPI endpoints alone.
/// </summary>
internal static class LegacyDiscovery
{
    public static void Map(WebApplication app, ResourceRegistry registry)
    {
        app.MapGet("/version", () => Results.Json(new JsonObject { ["major"] = "1", ["minor"] = "33", ["gitVersion"] = "v1.33.0" }));
        app.MapGet("/api", () => Results.Json(new JsonObject { ["kind"] = "APIVersions", ["versions"] = new JsonArray("v1") }));
        app.MapGet("/apis", () => Results.Json(new JsonObject
        {
            ["kind"] = "APIGroupList",
            ["apiVersion"] = "v1",
            ["groups"] = new JsonArray([.. registry.All.Where(r => r.Group.Length > 0).GroupBy(r => r.Group).Select(g => Group(g.Key, g.First().Version))]),
        }));
        app.MapGet("/api/v1", () => Results.Json(ResourceList("v1", registry.InGroupVersion("", "v1"))));
        app.MapGet("/apis/{group}/{version}", (string group, string version) => Results.Json(ResourceList($"{group}/{version}", registry.InGroupVersion(group, version))));
    }

    private static JsonObject Group(string name, string version)
    {
        JsonObject Version() => new() { ["groupVersion"] = $"{name}/{version}", ["version"] = version };
        return new JsonObject { ["name"] = name, ["versions"] = new JsonArray(Version()), ["preferredVersion"] = Version() };
    }

    private static JsonObject ResourceList(string groupVersion, IEnumerable<ResourceDefinition> resources) => new()
    {
        ["kind"] = "APIResourceList",
        ["apiVersion"] = "v1",
        ["groupVersion"] = groupVersion,
        ["resources"] = new JsonArray([.. resources.Select(r => new JsonObject
        {
            ["name"] = r.Plural,
            ["singularName"] = r.Singular,
            ["namespaced"] = r.Namespaced,
            ["kind"] = r.Kind,
            ["verbs"] = new JsonArray([.. r.Verbs.Select(v => JsonValue.Create(v))]),
            ["shortNames"] = new JsonArray([.. r.ShortNames.Select(s => JsonValue.Create(s))]),
        })]),
    };
}
