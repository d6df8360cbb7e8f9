using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.Tests.Defaulting;

/// <summary>Served resources by group and plural, and a subset comparison of JSON objects.</summary>
internal static class Served
{
    public static ResourceDefinition Resource(string group, string plural) =>
        BuiltInResources.All.Single(r => r.Group == group && r.Plural == plural && r.StoredAs is null);

    /// <summary>The fields of <paramref name="expected"/> that differ in <paramref name="actual"/>, as paths (empty: all present and equal).</summary>
    public static List<string> Differences(JsonNode? expected, JsonNode? actual, string path = "")
    {
        if (expected is JsonObject e && actual is JsonObject a)
        {
            return [.. e.SelectMany(p => Differences(p.Value, a[p.Key], $"{path}.{p.Key}"))];
        }

        if (expected is JsonArray ea && actual is JsonArray aa && ea.Count == aa.Count)
        {
            return [.. ea.SelectMany((item, i) => Differences(item, aa[i], $"{path}[{i}]"))];
        }

        return JsonNode.DeepEquals(expected, actual) ? [] : [$"{path}: expected {expected?.ToJsonString() ?? "null"}, got {actual?.ToJsonString() ?? "null"}"];
    }
}
