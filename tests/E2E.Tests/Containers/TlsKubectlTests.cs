namespace Orchestrator.E2E.Tests.Containers;

/// <summary>
/// kubectl 1.33 and 1.27 with the kubeconfig `up` writes, over TLS only: the cluster CA and the admin client
/// certificate are all it has; logs come from the real node's kubelet through the API server, over TLS too.
/// </summary>
[Collection(ContainerdCollection.Name)]
public sealed class TlsKubectlTests(ContainerdCluster cluster)
{
    [Theory]
    [InlineData("1.33")]
    [InlineData("1.27")]
    public async Task Kubectl_over_tls_with_the_admin_kubeconfig_gets_nodes_applies_and_reads_logs(string version)
    {
        var kubeconfig = await File.ReadAllTextAsync(cluster.Server.Kubeconfig);
        Assert.Contains("server: https://127.0.0.1:", kubeconfig, StringComparison.Ordinal);
        Assert.Contains("certificate-authority-data: ", kubeconfig, StringComparison.Ordinal);
        Assert.Contains("client-certificate-data: ", kubeconfig, StringComparison.Ordinal);
        Assert.DoesNotContain("insecure-skip-tls-verify", kubeconfig, StringComparison.Ordinal);
        using var kubectl = cluster.Kubectl(version);
        var ns = await cluster.NamespaceAsync("tls" + version.Replace(".", string.Empty, StringComparison.Ordinal));
        var pod = "greeter";

        var nodes = await cluster.Ok(kubectl, "get", "nodes", "-o", "name");
        var applied = await kubectl.RunWithInputAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: {{pod}}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: localhost/busybox:1.35
                imagePullPolicy: IfNotPresent
                command: ["sh", "-c", "echo hello over tls {{version}}; sleep 3600"]
            """, "apply", "-n", ns, "-f", "-");

        Assert.Contains($"node/{ContainerdCluster.NodeName}", nodes.Stdout, StringComparison.Ordinal);
        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Contains($"pod/{pod} created", applied.Stdout, StringComparison.Ordinal);
        await cluster.Eventually(
            async () => (await kubectl.RunAsync("logs", "-n", ns, pod)).Stdout.Contains($"hello over tls {version}", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60),
            $"kubectl {version} logs {pod}");
    }
}
