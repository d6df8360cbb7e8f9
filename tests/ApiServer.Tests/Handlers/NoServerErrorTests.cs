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

        // A proxy subresource (nodes/proxy) passes the body through unread: its answer is the backend's, and a node
        // nobody serves is upstream's 500 "error trying to reach service" (NodeProxyTests checks that).
        foreach (var sub in resource.Subresources.Where(s => s.Name != "proxy"))
        {
            foreach (var junk in Junk)
            {
                await Send(sub.Verbs.Contains("create") ? HttpMethod.Post : HttpMethod.Put, $"{item}/{sub.Name}", junk);
                await Send(HttpMethod.Put, $"{item}/{sub.Name}", $$$"""{"apiVersion":"{{{sub.Group}}}/{{{sub.Version}}}","kind":"{{{sub.Kind}}}","metadata":{"name":"{{{name}}}"},"spec":{{{junk}}}}""");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    [Fact]
    public async Task Malformed_container_fields_and_managed_fields_are_answered_without_a_server_error()
    {
        string[] containerFields = ["resources", "resources.limits", "resources.requests", "livenessProbe", "readinessProbe.httpGet", "startupProbe.exec",
            "ports", "env", "envFrom", "volumeMounts", "lifecycle.preStop"];
        string[] values = ["null", "1", "\"abc\"", "[]", "[{}]", "[{\"name\":1}]", "{}", "{\"cpu\":\"1.5.5\"}", "{\"cpu\":-1}", "{\"port\":\"\"}", "{\"successThreshold\":-5}",
            "[{\"containerPort\":-1,\"protocol\":\"x\"}]", "[{\"name\":\"a=b\",\"valueFrom\":{}}]", "[{\"mountPath\":\"\"}]"];
        string[] volumes = ["[{}]", "[{\"name\":\"v\",\"emptyDir\":{\"sizeLimit\":\"-1\"},\"hostPath\":{}}]", "[{\"name\":\"v\",\"configMap\":{\"items\":[{}]}}]",
            "[{\"name\":\"v\",\"secret\":{\"defaultMode\":-1,\"items\":[{\"key\":\"k\",\"path\":\"../x\"}]}}]", "[{\"name\":\"v\",\"downwardAPI\":{\"items\":[{}]}}]"];
        var failures = new List<string>();
        var n = 0;
        foreach (var field in containerFields)
        {
            foreach (var value in values)
            {
                var container = new JsonObject { ["name"] = "c", ["image"] = "i" };
                var parts = field.Split('.');
                var parent = container;
                foreach (var part in parts[..^1])
                {
                    parent[part] = new JsonObject();
                    parent = parent[part]!.AsObject();
                }

                parent[parts[^1]] = JsonNode.Parse(value);
                var pod = $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"cz-{{{n++}}}"},"spec":{"containers":[{{{container.ToJsonString()}}}]}}""";
                var (status, _, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods", pod);
                if ((int)status >= 500)
                {
                    failures.Add($"{pod} -> {(int)status}");
                }
            }
        }

        foreach (var volume in volumes)
        {
            var pod = $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"vz-{{{n++}}}"},"spec":{"containers":[{"name":"c","image":"i","volumeMounts":[{"name":"v","mountPath":"/v"}]}],"volumes":{{{volume}}}}}""";
            var (status, _, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods", pod);
            if ((int)status >= 500)
            {
                failures.Add($"{pod} -> {(int)status}");
            }
        }

        // Client-sent managedFields of every shape, then an apply over them.
        string[] managed = ["[{}]", "[{\"manager\":\"m\",\"fieldsV1\":{\"f:data\":{\"k:{bad\":{},\"v:[\":{}}}}]", "[{\"manager\":\"m\",\"fieldsV1\":\"x\"}]", "[{\"manager\":1}]", "{}"];
        foreach (var value in managed)
        {
            var name = $"mz-{n++}";
            var item = $"/api/v1/namespaces/default/configmaps/{name}";
            await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{{name}}}"},"data":{"a":"1"}}""");
            foreach (var (method, body, type) in new[]
            {
                (HttpMethod.Put, $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{{name}}}","managedFields":{{{value}}}},"data":{"b":"2"}}""", "application/json"),
                (HttpMethod.Patch, $$$"""{"metadata":{"managedFields":{{{value}}}}}""", "application/merge-patch+json"),
                (HttpMethod.Patch, """{"apiVersion":"v1","kind":"ConfigMap","data":{"c":"3"}}""", "application/apply-patch+yaml"),
            })
            {
                var (status, _, _) = await api.SendAsync(method, item + (type.Contains("apply", StringComparison.Ordinal) ? "?fieldManager=z&force=true" : "?fieldManager=z"), body, type);
                if ((int)status >= 500)
                {
                    failures.Add($"{method} {body} -> {(int)status}");
                }
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
