using System.Text.Json.Nodes;
using Orchestrator.ApiServer.CustomResources;
using Orchestrator.ApiServer.OpenApi.V2;
using Orchestrator.ApiServer.OpenApi.V3;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.Tests.OpenApi;

/// <summary>The OpenAPI documents of a registry that serves a custom resource, and how they follow the registry.</summary>
public sealed class CustomResourceOpenApiTests
{
    private static readonly JsonObject Crd = JsonNode.Parse("""
        {"metadata":{"name":"crontabs.stable.example.com"},
         "spec":{"group":"stable.example.com","scope":"Namespaced","names":{"plural":"crontabs","singular":"crontab","kind":"CronTab","listKind":"CronTabList"},
          "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{},"scale":{"specReplicasPath":".spec.replicas","statusReplicasPath":".status.replicas"}},
           "schema":{"openAPIV3Schema":{"type":"object","properties":{"spec":{"type":"object","description":"The desired state.","required":["cronSpec"],"properties":{
             "cronSpec":{"type":"string","description":"The schedule.","pattern":"^\\S+$","minLength":1,"maxLength":64},
             "mode":{"type":"string","enum":["a","b"],"default":"a"},
             "replicas":{"type":"integer","minimum":1,"maximum":10,"multipleOf":1},
             "ratio":{"type":"number","minimum":0.5,"exclusiveMinimum":true},
             "tags":{"type":"array","maxItems":5,"items":{"type":"string"},"x-kubernetes-list-type":"set"},
             "labels":{"type":"object","additionalProperties":{"type":"string"},"maxProperties":8},
             "port":{"x-kubernetes-int-or-string":true},
             "free":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}},
            "status":{"type":"object","properties":{"replicas":{"type":"integer"}}}}}}}]},
         "status":{"acceptedNames":{"plural":"crontabs","singular":"crontab","kind":"CronTab","listKind":"CronTabList"}}}
        """)!.AsObject();

    [Fact]
    public void A_custom_resource_gets_its_own_v3_document_with_its_schema_and_no_strategic_merge_patch()
    {
        var registry = ResourceRegistry.CreateServed();
        var v3 = new OpenApiV3Documents(registry, () => Documents.Documentation);
        Assert.Null(v3.Find("apis/stable.example.com/v1"));

        registry.SetCustom("crontabs.stable.example.com", ServedResources.Of(Crd));

        var document = JsonNode.Parse(v3.Find("apis/stable.example.com/v1")!.Json)!;
        var schema = document["components"]!["schemas"]!["com.example.stable.v1.CronTab"]!;
        Assert.Equal("The schedule.", (string?)schema["properties"]!["spec"]!["properties"]!["cronSpec"]!["description"]);
        Assert.NotNull(document["components"]!["schemas"]!["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]);
        Assert.Equal("CronTab", (string?)schema["x-kubernetes-group-version-kind"]![0]!["kind"]);
        var patch = document["paths"]!["/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}"]!["patch"]!["requestBody"]!["content"]!.AsObject();
        Assert.DoesNotContain("application/strategic-merge-patch+json", patch.Select(p => p.Key));
        Assert.NotNull(document["paths"]!["/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}/scale"]);
        Assert.Contains("apis/stable.example.com/v1", System.Text.Encoding.UTF8.GetString(v3.Root), StringComparison.Ordinal);

        registry.SetCustom("crontabs.stable.example.com", []);

        Assert.Null(v3.Find("apis/stable.example.com/v1"));
        Assert.DoesNotContain("apis/stable.example.com/v1", System.Text.Encoding.UTF8.GetString(v3.Root), StringComparison.Ordinal);
    }

    [Fact]
    public void The_v2_document_carries_the_custom_resource_in_json_and_protobuf()
    {
        var registry = ResourceRegistry.CreateServed();
        var v2 = new OpenApiV2Documents(registry, new OpenApiV3Documents(registry, () => Documents.Documentation));
        var before = v2.Protobuf.Length;

        registry.SetCustom("crontabs.stable.example.com", ServedResources.Of(Crd));

        var json = JsonNode.Parse(v2.Json)!;
        var definition = json["definitions"]!["com.example.stable.v1.CronTab"]!;
        Assert.Equal("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", (string?)definition["properties"]!["metadata"]!["$ref"]);
        Assert.Equal(10, (double?)definition["properties"]!["spec"]!["properties"]!["replicas"]!["maximum"]);
        var consumes = json["paths"]!["/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}"]!["patch"]!["consumes"]!.AsArray().Select(c => (string?)c);
        Assert.DoesNotContain("application/strategic-merge-patch+json", consumes);
        Assert.True(v2.Protobuf.Length > before, "the protobuf document grew by the custom resource");
    }
}
