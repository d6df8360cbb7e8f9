using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.Tests.OpenApi;

public sealed class OpenApiV3DocumentTests
{
    private const string DeploymentItemPath = "/apis/apps/v1/namespaces/{namespace}/deployments/{name}";

    [Fact]
    public void Every_served_group_version_has_a_document()
    {
        // metrics.k8s.io is computed, and documented upstream by metrics-server's own OpenAPI, not kube-apiserver's.
        var expected = ResourceRegistry.BuiltIn.All
            .Where(r => r.Group != "metrics.k8s.io")
            .Select(r => r.Group.Length == 0 ? $"api/{r.Version}" : $"apis/{r.Group}/{r.Version}")
            .Distinct()
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, Documents.V3.All.Select(d => d.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_ref_in_every_group_version_document_resolves_within_that_document()
    {
        foreach (var document in Documents.V3.All)
        {
            var json = Documents.Parse(document.Key);
            var schemas = json["components"]!["schemas"]!.AsObject();
            var references = new List<string>();
            CollectRefs(json, references);

            Assert.NotEmpty(references);
            foreach (var reference in references)
            {
                Assert.StartsWith("#/components/schemas/", reference);
                Assert.True(schemas.ContainsKey(reference["#/components/schemas/".Length..]), $"{document.Key}: {reference} does not resolve");
            }
        }
    }

    [Fact]
    public void Apps_v1_carries_the_core_schemas_its_workloads_embed()
    {
        var apps = Documents.Parse("apis/apps/v1");

        Assert.NotNull(Documents.Schema(apps, "io.k8s.api.core.v1.PodSpec"));
        Assert.NotNull(Documents.Schema(apps, "io.k8s.api.core.v1.PodTemplateSpec"));
        Assert.NotNull(Documents.Schema(apps, "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"));
        Assert.NotNull(Documents.Schema(apps, "io.k8s.apimachinery.pkg.util.intstr.IntOrString"));
        Assert.NotNull(Documents.Schema(apps, "io.k8s.apimachinery.pkg.api.resource.Quantity"));
        Assert.NotNull(Documents.Schema(apps, "io.k8s.api.autoscaling.v1.Scale"));
    }

    [Fact]
    public void Deployment_schema_is_a_kind_with_descriptions_and_patch_metadata()
    {
        var apps = Documents.Parse("apis/apps/v1");
        var deployment = Documents.Schema(apps, "io.k8s.api.apps.v1.Deployment");

        var gvk = Assert.Single(deployment["x-kubernetes-group-version-kind"]!.AsArray())!;
        Assert.Equal("apps", (string?)gvk["group"]);
        Assert.Equal("v1", (string?)gvk["version"]);
        Assert.Equal("Deployment", (string?)gvk["kind"]);
        Assert.Equal("object", (string?)deployment["type"]);
        Assert.Equal("#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec", (string?)deployment["properties"]!["spec"]!["allOf"]![0]!["$ref"]);

        var spec = Documents.Schema(apps, "io.k8s.api.apps.v1.DeploymentSpec");
        var strategy = spec["properties"]!["strategy"]!;
        Assert.Equal("The deployment strategy to use to replace existing pods with new ones.", (string?)strategy["description"]);
        Assert.Equal("retainKeys", (string?)strategy["x-kubernetes-patch-strategy"]);
        Assert.Equal(["selector", "template"], spec["required"]!.AsArray().Select(r => (string?)r));

        var containers = Documents.Schema(apps, "io.k8s.api.core.v1.PodSpec")["properties"]!["containers"]!;
        Assert.Equal("array", (string?)containers["type"]);
        Assert.Equal("name", (string?)containers["x-kubernetes-patch-merge-key"]);
        Assert.Equal("merge", (string?)containers["x-kubernetes-patch-strategy"]);
        Assert.Equal("#/components/schemas/io.k8s.api.core.v1.Container", (string?)containers["items"]!["allOf"]![0]!["$ref"]);
    }

    [Fact]
    public void Scalars_follow_upstream_shapes()
    {
        var core = Documents.Parse("api/v1");
        var container = Documents.Schema(core, "io.k8s.api.core.v1.Container")["properties"]!;
        var port = Documents.Schema(core, "io.k8s.api.core.v1.ContainerPort");
        var secret = Documents.Schema(core, "io.k8s.api.core.v1.Secret")["properties"]!;
        var meta = Documents.Schema(core, "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")["properties"]!;

        Assert.Equal("string", (string?)container["image"]!["type"]);
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity",
            (string?)Documents.Schema(core, "io.k8s.api.core.v1.ResourceRequirements")["properties"]!["limits"]!["additionalProperties"]!["allOf"]![0]!["$ref"]);
        Assert.Equal("int32", (string?)port["properties"]!["containerPort"]!["format"]);
        Assert.Contains("containerPort", port["required"]!.AsArray().Select(r => (string?)r));
        Assert.Equal("byte", (string?)secret["data"]!["additionalProperties"]!["format"]);
        Assert.Equal("string", (string?)meta["labels"]!["additionalProperties"]!["type"]);
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time", (string?)meta["creationTimestamp"]!["allOf"]![0]!["$ref"]);
        Assert.Equal("merge", (string?)meta["finalizers"]!["x-kubernetes-patch-strategy"]);
        Assert.Equal("int-or-string", (string?)Documents.Schema(core, "io.k8s.apimachinery.pkg.util.intstr.IntOrString")["format"]);
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime",
            (string?)Documents.Schema(core, "io.k8s.api.core.v1.Event")["properties"]!["eventTime"]!["allOf"]![0]!["$ref"]);
    }

    [Fact]
    public void Deployment_patch_operation_carries_field_validation_and_its_kind()
    {
        var apps = Documents.Parse("apis/apps/v1");
        var patch = apps["paths"]![DeploymentItemPath]!["patch"]!;

        Assert.Equal("patch", (string?)patch["x-kubernetes-action"]);
        Assert.Equal("patchAppsV1NamespacedDeployment", (string?)patch["operationId"]);
        Assert.Equal("apps", (string?)patch["x-kubernetes-group-version-kind"]!["group"]);
        Assert.Equal("v1", (string?)patch["x-kubernetes-group-version-kind"]!["version"]);
        Assert.Equal("Deployment", (string?)patch["x-kubernetes-group-version-kind"]!["kind"]);
        var parameters = patch["parameters"]!.AsArray().Select(p => (string?)p!["name"]).ToList();
        Assert.Equal(["dryRun", "fieldManager", "fieldValidation", "force"], parameters);
        var contentTypes = patch["requestBody"]!["content"]!.AsObject().Select(c => c.Key);
        Assert.Equal(
            ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"],
            contentTypes);
    }

    [Theory]
    [InlineData("api/v1", "/api/v1/namespaces/{namespace}/pods/{name}", "get", "put", "patch", "delete")]
    [InlineData("api/v1", "/api/v1/namespaces/{namespace}/pods", "get", "post", "delete")]
    [InlineData("api/v1", "/api/v1/pods", "get")]
    [InlineData("api/v1", "/api/v1/nodes/{name}", "get", "put", "patch", "delete")]
    [InlineData("api/v1", "/api/v1/namespaces/{name}", "get", "put", "patch", "delete")]
    [InlineData("api/v1", "/api/v1/namespaces/{name}/finalize", "put")]
    [InlineData("api/v1", "/api/v1/namespaces/{namespace}/pods/{name}/eviction", "post")]
    [InlineData("api/v1", "/api/v1/namespaces/{namespace}/pods/{name}/status", "get", "put", "patch")]
    [InlineData("apis/apps/v1", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale", "get", "put", "patch")]
    [InlineData("apis/scheduling.k8s.io/v1", "/apis/scheduling.k8s.io/v1/priorityclasses/{name}", "get", "put", "patch", "delete")]
    public void Paths_offer_the_served_verbs(string key, string path, params string[] methods)
    {
        var item = Documents.Parse(key)["paths"]![path]!.AsObject();

        Assert.Equal(methods.Order(StringComparer.Ordinal), item.Select(p => p.Key).Where(k => k != "parameters").Order(StringComparer.Ordinal));
        foreach (var method in methods)
        {
            Assert.NotNull(item[method]!["x-kubernetes-group-version-kind"]);
            Assert.NotNull(item[method]!["x-kubernetes-action"]);
        }
    }

    [Fact]
    public void Subresources_speak_their_own_kinds()
    {
        var scale = Documents.Parse("apis/apps/v1")["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"]!["patch"]!;
        var eviction = Documents.Parse("api/v1")["paths"]!["/api/v1/namespaces/{namespace}/pods/{name}/eviction"]!["post"]!;

        Assert.Equal("autoscaling", (string?)scale["x-kubernetes-group-version-kind"]!["group"]);
        Assert.Equal("Scale", (string?)scale["x-kubernetes-group-version-kind"]!["kind"]);
        Assert.Equal("patchAppsV1NamespacedDeploymentScale", (string?)scale["operationId"]);
        Assert.Equal("policy", (string?)eviction["x-kubernetes-group-version-kind"]!["group"]);
        Assert.Equal("#/components/schemas/io.k8s.api.policy.v1.Eviction", (string?)eviction["requestBody"]!["content"]!["*/*"]!["schema"]!["$ref"]);
    }

    [Fact]
    public void Every_kind_schema_names_its_group_version_kind_once_per_document()
    {
        foreach (var document in Documents.V3.All)
        {
            var kinds = Documents.Parse(document.Key)["components"]!["schemas"]!.AsObject()
                .Where(s => s.Value!["x-kubernetes-group-version-kind"] is not null)
                .SelectMany(s => s.Value!["x-kubernetes-group-version-kind"]!.AsArray().Select(g => g!.ToJsonString()))
                .ToList();

            Assert.Equal(kinds.Count, kinds.Distinct().Count());
        }
    }

    private static void CollectRefs(JsonNode? node, List<string> references)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    // A "$ref" whose value is a schema is JSONSchemaProps' property of that name, not a reference.
                    if (key == "$ref" && value is JsonValue)
                    {
                        references.Add((string)value!);
                    }
                    else
                    {
                        CollectRefs(value, references);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    CollectRefs(item, references);
                }

                break;
        }
    }
}
