using System.Text.Json.Nodes;

namespace Orchestrator.E2E.Tests.Hostile;

/// <summary>One write endpoint the server serves: a verb on a resource or subresource path.</summary>
internal sealed record ServedTarget(HttpMethod Method, string Path)
{
    /// <summary>Subresources that are connections, not bodies: they get no generated bodies.</summary>
    private static readonly HashSet<string> Skipped = ["exec", "attach", "portforward", "proxy", "log"];

    /// <summary>Reads discovery (/api/v1 and every /apis/GROUP/VERSION) and lists every create, update and patch endpoint.</summary>
    public static async Task<List<ServedTarget>> DiscoverAsync(HttpClient http, string objectName, string @namespace)
    {
        var groupVersions = new List<string> { "/api/v1" };
        var groups = JsonNode.Parse(await http.GetStringAsync("/apis"))!["groups"]!.AsArray();
        groupVersions.AddRange(groups.SelectMany(g => g!["versions"]!.AsArray()).Select(v => "/apis/" + v!["groupVersion"]!.GetValue<string>()));

        var targets = new List<ServedTarget>();
        foreach (var prefix in groupVersions)
        {
            foreach (var resource in JsonNode.Parse(await http.GetStringAsync(prefix))!["resources"]!.AsArray())
            {
                targets.AddRange(For(prefix, resource!, objectName, @namespace));
            }
        }

        return targets;
    }

    public override string ToString() => $"{Method} {Path}";

    private static IEnumerable<ServedTarget> For(string prefix, JsonNode resource, string objectName, string @namespace)
    {
        var parts = resource["name"]!.GetValue<string>().Split('/', 2);
        if (parts.Length == 2 && Skipped.Contains(parts[1]))
        {
            yield break;
        }

        var collection = resource["namespaced"]!.GetValue<bool>() ? $"{prefix}/namespaces/{@namespace}/{parts[0]}" : $"{prefix}/{parts[0]}";
        var named = parts.Length == 2 ? $"{collection}/{objectName}/{parts[1]}" : $"{collection}/{objectName}";
        var verbs = resource["verbs"]!.AsArray().Select(v => v!.GetValue<string>()).ToHashSet();
        if (verbs.Contains("create"))
        {
            yield return new ServedTarget(HttpMethod.Post, parts.Length == 2 ? named : collection);
        }

        if (verbs.Contains("update"))
        {
            yield return new ServedTarget(HttpMethod.Put, named);
        }

        if (verbs.Contains("patch"))
        {
            yield return new ServedTarget(HttpMethod.Patch, named);
        }
    }
}
