using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Orchestrator.ApiServer.Tests.OpenApi;

/// <summary>
/// A second client-side apply computes a strategic merge patch from the merge keys in the OpenAPI
/// schemas (v3 on 1.29+, v2 before). When the lookup fails kubectl warns and falls back to its
/// compiled-in types, so the test asserts both the patch and the absence of warnings.
/// </summary>
public sealed class KubectlApplyTests
{
    private const string LiveDeployment = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","resourceVersion":"5",
          "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\",\"namespace\":\"default\"},\"spec\":{\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1\"}]}}}}\n"}},
         "spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
           "spec":{"containers":[{"name":"web","image":"nginx:1"},{"name":"sidecar","image":"busybox"}]}}}}
        """;

    private const string Manifest = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: default
        spec:
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: web
                image: nginx:2
        """;

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.33")]
    public async Task Second_apply_sends_a_strategic_merge_patch_keyed_by_container_name(string version)
    {
        var patches = new List<(string? ContentType, string Body)>();
        const string path = "/apis/apps/v1/namespaces/default/deployments/web";
        var (app, address) = await LoopbackHost.StartAsync(app =>
        {
            app.MapGet(path, () => Results.Text(LiveDeployment, "application/json"));
            app.MapMethods(path, [HttpMethods.Patch], async (HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body);
                patches.Add((request.ContentType, await reader.ReadToEndAsync()));
                return Results.Text(LiveDeployment, "application/json");
            });
        });
        await using (app)
        {
            var (exitCode, output, error) = await Kubectl.RunWithInputAsync(version, address, Manifest, "apply", "-f", "-");

            Assert.True(exitCode == 0, $"kubectl {version} apply failed: {error}");
            Assert.Equal("deployment.apps/web configured", output.Trim());
            Assert.DoesNotContain("warning", error, StringComparison.OrdinalIgnoreCase);
            var (contentType, body) = Assert.Single(patches);
            Assert.Equal("application/strategic-merge-patch+json", contentType);
            Assert.Contains("\"$setElementOrder/containers\":[{\"name\":\"web\"}],\"containers\":[{\"image\":\"nginx:2\",\"name\":\"web\"}]", body);
        }
    }
}
