using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.Tests.Handlers;

/// <summary>
/// Untrusted input never produces a 500: every served resource gets a battery of malformed creates,
/// updates and patches (wrong shapes at every level, random JSON), and must answer 4xx (or 2xx
/// when the input happens to be acceptable).
/// </summary>
public sealed class NoServerErrorTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    private static readonly string[] Junk =
    [
        "null", "1", "\"s\"", "[]", "[1,\"a\",null]", "{}", "{\"a\":{\"b\":[{\"c\":-1e300}]}}", "true", "-9223372036854775809", "3.5",
    ];

    public static TheoryData<string, string> Resources()
    {
        var data = new TheoryData<string, string>();
        foreach (var resource in ResourceRegistry.BuiltIn.All)
        {
            data.Add(resource.Group, resource.Plural);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task Malformed_writes_to_every_resource_are_answered_without_a_server_error(string group, string plural)
    {
        var resource = ResourceRegistry.BuiltIn.Find(group, ResourceRegistry.BuiltIn.All.First(r => r.Group == group && r.Plural == plural).Version, plural)!;
        var collection = (resource.Group.Length == 0 ? "/api/v1" : $"/apis/{resource.Group}/{resource.Version}")
            + (resource.Namespaced ? "/namespaces/default/" : "/") + resource.Plural;
        var random = new Random(plural.GetHashCode(StringComparison.Ordinal));
        var failures = new List<string>();

        async Task Send(HttpMethod method, string path, string body, string contentType = "application/json")
        {
            var (status, _, _) = await api.SendAsync(method, path, body, contentType);
            if ((int)status >= 500)
            {
                failures.Add($"{method} {path} {contentType} {body} -> {(int)status}");
            }
        }

        foreach (var field in new[] { "metadata", "spec", "status", "data", "metadata.labels", "metadata.annotations", "metadata.finalizers", "metadata.ownerReferences", "spec.template", "spec.selector", "spec.ports" })
        {
            foreach (var junk in Junk)
            {
                await Send(HttpMethod.Post, collection, Object(resource, $"fz-{random.Next(1_000_000)}", field, junk));
            }
        }

        // A valid-looking object to update and patch.
        var name = $"fz-target-{random.Next(1_000_000)}";
        await Send(HttpMethod.Post, collection, Object(resource, name, null, null));
        var item = $"{collection}/{name}";
        foreach (var junk in Junk)
        {
            await Send(HttpMethod.Put, item, Object(resource, name, "spec", junk));
            await Send(HttpMethod.Patch, item, junk, "application/merge-patch+json");
            await Send(HttpMethod.Patch, item, junk, "application/strategic-merge-patch+json");
            await Send(HttpMethod.Patch, item, junk, "application/json-patch+json");
            await Send(HttpMethod.Patch, item, $$$"""[{"op":"add","path":"/spec","value":{{{junk}}}}]""", "application/json-patch+json");
            await Send(HttpMethod.Patch, item, $$$"""{"spec":{{{junk}}},"metadata":{"labels":{{{junk}}}}}""", "application/strategic-merge-patch+json");
            await Send(HttpMethod.Patch, item, junk, "application/apply-patch+yaml");
            await Send(HttpMethod.Delete, item + "-missing", junk);
        }

        foreach (var sub in resource.Subresources)
        {
            foreach (var junk in Junk)
            {
                await Send(sub.Verbs.Contains("create") ? HttpMethod.Post : HttpMethod.Put, $"{item}/{sub.Name}", junk);
                await Send(HttpMethod.Put, $"{item}/{sub.Name}", $$$"""{"apiVersion":"{{{sub.Group}}}/{{{sub.Version}}}","kind":"{{{sub.Kind}}}","metadata":{"name":"{{{name}}}"},"spec":{{{junk}}}}""");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    private static string Object(ResourceDefinition resource, string name, string? field, string? junk)
    {
        var obj = new JsonObject
        {
            ["apiVersion"] = resource.ApiVersion,
            ["kind"] = resource.Kind,
            ["metadata"] = new JsonObject { ["name"] = name },
        };
        if (field is not null)
        {
            var parts = field.Split('.');
            JsonObject parent = obj;
            for (var i = 0; i < parts.Length - 1; i++)
            {
                if (parent[parts[i]] is not JsonObject next)
                {
                    next = new JsonObject();
                    parent[parts[i]] = next;
                }

                parent = next;
            }

            parent[parts[^1]] = JsonNode.Parse(junk!);
        }

        return obj.ToJsonString();
    }
}
