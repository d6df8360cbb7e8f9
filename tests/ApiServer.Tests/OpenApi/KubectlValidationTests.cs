namespace Orchestrator.ApiServer.Tests.OpenApi;

/// <summary>
/// kubectl's --validate=strict looks for a PATCH operation with fieldValidation for the manifest's
/// kind (v2 protobuf on 1.27/1.28, v3 on 1.29+). Found, it leaves validation to the server, so even
/// an unknown field passes a client-side dry run; not found, kubectl validates against the schema
/// itself and rejects the field; OpenAPI missing, it fails to download it.
/// </summary>
public sealed class KubectlValidationTests(ApiServerFixture server) : IClassFixture<ApiServerFixture>
{
    private const string DeploymentWithUnknownField = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicaz: 2
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: web
                image: nginx
        """;

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.28")]
    [InlineData("1.29")]
    [InlineData("1.33")]
    public async Task Strict_validation_is_left_to_the_server(string version)
    {
        var (exitCode, output, error) = await Kubectl.RunWithInputAsync(
            version, server.Address.ToString(), DeploymentWithUnknownField, "create", "--dry-run=client", "--validate=strict", "-f", "-", "-o", "name");

        Assert.True(exitCode == 0, $"kubectl {version} create failed: {error}");
        Assert.Equal("deployment.apps/web", output.Trim());
    }
}
