using Kubectl = Orchestrator.ApiServer.Tests.OpenApi.Kubectl;

namespace Orchestrator.ApiServer.Tests.Handlers;

/// <summary>Real kubectl against the in-process server: server-side apply, a conflicting change by another manager, then forcing.</summary>
public sealed class KubectlServerSideApplyTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    private const string Manifest = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: kssa
          namespace: default
        spec:
          replicas: REPLICAS
          selector:
            matchLabels: {app: kssa}
          template:
            metadata:
              labels: {app: kssa}
            spec:
              containers:
              - name: web
                image: nginx:1
        """;

    [Fact]
    public async Task A_second_server_side_apply_conflicts_with_kubectl_patch_until_forced()
    {
        var server = api.Http.BaseAddress!.ToString().TrimEnd('/');

        var first = await Kubectl.RunWithInputAsync("1.33", server, Manifest.Replace("REPLICAS", "1", StringComparison.Ordinal), "apply", "--server-side", "-f", "-");
        var patch = await Kubectl.RunAsync("1.33", server, "patch", "deployment", "kssa", "-n", "default", "--type=merge", "-p", """{"spec":{"replicas":5}}""");
        var conflict = await Kubectl.RunWithInputAsync("1.33", server, Manifest.Replace("REPLICAS", "2", StringComparison.Ordinal), "apply", "--server-side", "-f", "-");
        var forced = await Kubectl.RunWithInputAsync("1.33", server, Manifest.Replace("REPLICAS", "2", StringComparison.Ordinal), "apply", "--server-side", "--force-conflicts", "-f", "-");
        var managed = await Kubectl.RunAsync("1.33", server, "get", "deployment", "kssa", "-n", "default", "--show-managed-fields", "-o", "jsonpath={.metadata.managedFields[*].manager}");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal("deployment.apps/kssa serverside-applied", first.Output.Trim());
        Assert.True(patch.ExitCode == 0, patch.Error);
        Assert.NotEqual(0, conflict.ExitCode);
        Assert.Contains("Apply failed with 1 conflict: conflict with \"kubectl-patch\" using apps/v1 at ", conflict.Error, StringComparison.Ordinal);
        Assert.Contains(": .spec.replicas", conflict.Error, StringComparison.Ordinal);
        Assert.True(forced.ExitCode == 0, forced.Error);
        // kubectl-patch owned only .spec.replicas; forcing took it, so its entry is gone.
        Assert.Equal("kubectl", managed.Output.Trim());
    }
}
