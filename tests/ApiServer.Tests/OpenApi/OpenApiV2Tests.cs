using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.Tests.OpenApi;

/// <summary>Decodes the gnostic openapi_v2.Document by field number (OpenAPIv2.proto), as kubectl 1.27/1.28 read it.</summary>
public sealed class OpenApiV2Tests
{
    private const string DeploymentItemPath = "/apis/apps/v1/namespaces/{namespace}/deployments/{name}";

    [Fact]
    public void Document_has_swagger_version_and_info()
    {
        var document = new ProtoFields(Documents.V2.Protobuf);

        Assert.Equal("2.0", document.String(1));
        Assert.Equal("Kubernetes", document.Message(2).String(1));
        Assert.Equal("v1.33.0", document.Message(2).String(2));
    }

    [Fact]
    public void Every_patchable_kind_has_a_patch_operation_with_field_validation_and_its_kind()
    {
        var paths = new ProtoFields(Documents.V2.Protobuf).Message(8).Messages(2).ToDictionary(p => p.String(1)!, p => p.Message(2));

        foreach (var resource in ResourceRegistry.BuiltIn.All.Where(r => r.Verbs.Contains("patch")))
        {
            var path = paths.Keys.Single(p => p.EndsWith($"/{resource.Plural}/{{name}}", StringComparison.Ordinal)
                && p.StartsWith(resource.Group.Length == 0 ? "/api/v1/" : $"/apis/{resource.Group}/{resource.Version}/", StringComparison.Ordinal));
            var patch = paths[path].Message(8);
            var extensions = patch.Messages(13).ToDictionary(e => e.String(1)!, e => e.Message(2).String(2));
            var queryParameters = patch.Messages(8).Select(p => p.Message(1).Message(2).Message(3)).ToList();

            Assert.Equal($"group: \"{resource.Group}\"\nkind: \"{resource.Kind}\"\nversion: \"{resource.Version}\"\n", extensions["x-kubernetes-group-version-kind"]);
            var fieldValidation = Assert.Single(queryParameters, q => q.String(4) == "fieldValidation");
            Assert.Equal("query", fieldValidation.String(2));
            Assert.Equal("string", fieldValidation.String(6));
        }

        Assert.Equal("patchAppsV1NamespacedDeployment", paths[DeploymentItemPath].Message(8).String(5));
    }

    [Fact]
    public void Definitions_carry_the_kinds_with_their_references_rewritten()
    {
        var definitions = new ProtoFields(Documents.V2.Protobuf).Message(9).Messages(1).ToDictionary(d => d.String(1)!, d => d.Message(2));

        var deployment = definitions["io.k8s.api.apps.v1.Deployment"];
        var gvk = deployment.Messages(31).Single(e => e.String(1) == "x-kubernetes-group-version-kind").Message(2).String(2);
        Assert.Equal("[{\"group\":\"apps\",\"kind\":\"Deployment\",\"version\":\"v1\"}]\n", gvk);
        Assert.Equal("object", deployment.Message(22).String(1));
        var spec = deployment.Message(25).Messages(1).Single(p => p.String(1) == "spec").Message(2);
        Assert.Equal("#/definitions/io.k8s.api.apps.v1.DeploymentSpec", spec.String(1));
        Assert.False(string.IsNullOrEmpty(spec.String(4)));

        var intOrString = definitions["io.k8s.apimachinery.pkg.util.intstr.IntOrString"];
        Assert.Equal("string", intOrString.Message(22).String(1));
        Assert.Equal("int-or-string", intOrString.String(2));
    }

    [Fact]
    public void Json_definitions_resolve_and_use_bare_refs()
    {
        var document = JsonNode.Parse(Documents.V2.Json)!;
        var definitions = document["definitions"]!.AsObject();
        var text = document.ToJsonString();

        Assert.Equal("2.0", (string?)document["swagger"]);
        Assert.DoesNotContain("#/components/schemas/", text, StringComparison.Ordinal);
        // As keywords (an array of schemas); JSONSchemaProps (CustomResourceDefinition) has properties of these names.
        Assert.DoesNotContain("\"allOf\":[", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"oneOf\":[", text, StringComparison.Ordinal);
        foreach (var reference in text.Split("\"$ref\":\"")[1..].Select(s => s[..s.IndexOf('"', StringComparison.Ordinal)]))
        {
            Assert.True(definitions.ContainsKey(reference["#/definitions/".Length..]), $"{reference} does not resolve");
        }

        var patch = document["paths"]![DeploymentItemPath]!["patch"]!;
        Assert.Contains(patch["parameters"]!.AsArray(), p => (string?)p!["name"] == "fieldValidation");
        Assert.Equal("Deployment", (string?)patch["x-kubernetes-group-version-kind"]!["kind"]);
    }
}
