using k8s;
using k8s.Models;

namespace Orchestrator.E2E.Tests.Cluster;

/// <summary>
/// A hollow Windows node (`orchestrator kubelet --os windows --windows-build 10.0.20348`, a process of its own) beside
/// the cluster's hollow Linux nodes: its labels through kubectl, the API's refusal of Linux-only fields on a Windows
/// pod, and the kubelet's refusal of a Linux pod bound to it.
/// </summary>
public sealed class WindowsNodeTests(HollowCluster cluster) : IClassFixture<HollowCluster>, IAsyncLifetime
{
    private const string Node = "win-40";
    private ComponentProcess _windows = null!;

    public async Task InitializeAsync()
    {
        _windows = await ComponentProcess.StartAsync("kubelet", "--kubeconfig", cluster.Server.Kubeconfig, "--nodes", "1", "--name-prefix", "win-", "--first-index", "40", "--os", "windows", "--windows-build", "10.0.20348");
        await cluster.Eventually(async () => await Nodes.IsReady(cluster.Client, Node) == "True", TimeSpan.FromSeconds(30), $"{Node} Ready");
    }

    public async Task DisposeAsync()
    {
        await _windows.DisposeAsync();
        await cluster.Client.CoreV1.DeleteNodeAsync(Node);
    }

    [Fact]
    public async Task The_windows_node_shows_its_os_and_build_labels()
    {
        using var kubectl = cluster.Kubectl();

        var table = await cluster.Ok(kubectl, "get", "node", Node, "-L", "kubernetes.io/os,node.kubernetes.io/windows-build", "--no-headers");
        Assert.Matches($@"^{Node}\s+Ready\s+\S+\s+\S+\s+v\S+\s+windows\s+10\.0\.20348\s*$", table.Stdout);
        var info = await cluster.Ok(kubectl, "get", "node", Node, "-o", "jsonpath={.status.nodeInfo.operatingSystem} {.status.nodeInfo.kernelVersion}");
        Assert.Equal("windows 10.0.20348.0", info.Stdout);
    }

    [Fact]
    public async Task A_windows_pod_with_run_as_user_is_refused_with_422()
    {
        using var kubectl = cluster.Kubectl();
        var ns = await cluster.NamespaceAsync("winval");

        var result = await kubectl.RunWithInputAsync("""
            apiVersion: v1
            kind: Pod
            metadata: {name: iis}
            spec:
              os: {name: windows}
              securityContext: {runAsUser: 1000}
              containers: [{name: iis, image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022}]
            """, "apply", "-n", ns, "-f", "-");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("is invalid: spec.securityContext.runAsUser: Forbidden: cannot be set for a windows pod", result.Stderr, StringComparison.Ordinal);
        var status = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => cluster.Client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = "iis" },
                Spec = new V1PodSpec { Os = new V1PodOS { Name = "windows" }, SecurityContext = new V1PodSecurityContext { RunAsUser = 1000 }, Containers = [new V1Container { Name = "iis", Image = "iis:1" }] },
            },
            ns));
        Assert.Equal(422, (int)status.Response.StatusCode);
    }

    [Fact]
    public async Task A_linux_pod_bound_to_the_windows_node_fails_with_the_os_reason()
    {
        using var kubectl = cluster.Kubectl();
        var ns = await cluster.NamespaceAsync("winos");

        await cluster.Apply(kubectl, ns, $$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: nginx}
            spec:
              nodeName: {{Node}}
              os: {name: linux}
              containers: [{name: nginx, image: registry.local/nginx}]
            """);

        await cluster.Eventually(async () => (await cluster.Client.CoreV1.ReadNamespacedPodAsync("nginx", ns)).Status?.Phase == "Failed", TimeSpan.FromSeconds(30), "the pod Failed");
        var pod = await cluster.Client.CoreV1.ReadNamespacedPodAsync("nginx", ns);
        Assert.Equal(("PodOSNotSupported", "Pod was rejected: Failed to admit pod as the OS field doesn't match node OS"), (pod.Status.Reason, pod.Status.Message));
        var table = await cluster.Ok(kubectl, "get", "pod", "nginx", "-n", ns, "--no-headers");
        Assert.Matches(@"^nginx\s+0/1\s+PodOSNotSupported\s", table.Stdout);
        await cluster.Eventually(
            async () => (await cluster.Client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: "reason=PodOSNotSupported")).Items.Any(e => e.Message == "Failed to admit pod as the OS field doesn't match node OS"),
            TimeSpan.FromSeconds(30),
            "a PodOSNotSupported event");
    }
}
