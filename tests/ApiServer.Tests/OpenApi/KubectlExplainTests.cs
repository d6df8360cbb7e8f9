namespace Orchestrator.ApiServer.Tests.OpenApi;

/// <summary>Real kubectl binaries explaining kinds from these documents: v3 on 1.29+, v2 protobuf before.</summary>
public sealed class KubectlExplainTests(ApiServerFixture server) : IClassFixture<ApiServerFixture>
{
    [Theory]
    [InlineData("1.27", "plaintext")]
    [InlineData("1.27", "plaintext-openapiv2")]
    [InlineData("1.28", "plaintext")]
    [InlineData("1.33", "plaintext")]
    [InlineData("1.33", "plaintext-openapiv2")]
    public async Task Explain_prints_field_descriptions(string version, string format)
    {
        var (exitCode, output, error) = await Kubectl.RunAsync(version, server.Address.ToString(), "explain", "deployment.spec.strategy", "--output=" + format);

        Assert.True(exitCode == 0, $"kubectl {version} explain failed: {error}");
        Assert.Contains("The deployment strategy to use to replace existing pods with new ones.", output);
        Assert.Contains("rollingUpdate", output);
    }

    [Theory]
    [InlineData("1.33")]
    public async Task Explain_follows_references_across_groups(string version)
    {
        var (exitCode, output, error) = await Kubectl.RunAsync(version, server.Address.ToString(), "explain", "deployment.spec.template.spec.containers.ports");

        Assert.True(exitCode == 0, $"kubectl {version} explain failed: {error}");
        Assert.Contains("containerPort", output);
        Assert.Contains("-required-", output);
    }
}
