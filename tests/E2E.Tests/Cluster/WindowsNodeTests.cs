using k8s;
using k8s.Models;

namespace Orchestrator.E2E.Tests.Cluster;

/// <summary>
/// A hollow Windows node (`orchestrator kubelet --os windows --windows-build 10.0.20348`, a process of its own) beside
/// the cluster's hollow Linux nodes: its labels through kubectl, the API's refusal of Linux-only fields on a Windows
/// pod, the kubelet's refusal of a Linux pod bound to it, and RuntimeClass scheduling onto the right Windows build beside
/// a second hollow Windows node on 10.0.17763.
/// </summary>
public sealed class WindowsNodeTests(HollowCluster cluster) : IClassFixture<HollowCluster>, IAsyncLifetime
{
    private const string Node = "win-40";
    private const string OlderNode = "win-41";
    private ComponentProcess _windows = null!;
    private ComponentProcess _older = null!;

    public async Task InitializeAsync()
    {
        _windows = await ComponentProcess.StartAsync("kubelet", "--kubeconfig", cluster.Server.Kubeconfig, "--nodes", "1", "--name-prefix", "win-", "--first-index", "40", "--os", "windows", "--windows-build", "10.0.20348");
        _older = await ComponentProcess.StartAsync("kubelet", "--kubeconfig", cluster.Server.Kubeconfig, "--nodes", "1", "--name-prefix", "win-", "--first-index", "41", "--os", "windows", "--windows-build", "10.0.17763", "--taints", "os=windows:NoSchedule");
        await cluster.Eventually(async () => await Nodes.IsReady(cluster.Client, Node) == "True", TimeSpan.FromSeconds(30), $"{Node} Ready");
        await cluster.Eventually(async () => await Nodes.IsReady(cluster.Client, OlderNode) == "True", TimeSpan.FromSeconds(30), $"{OlderNode} Ready");
    }

    public async Task DisposeAsync()
    {
        await _windows.DisposeAsync();
        await _older.DisposeAsync();
        await cluster.Client.CoreV1.DeleteNodeAsync(Node);
        await cluster.Client.CoreV1.DeleteNodeAsync(OlderNode);
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

    [Fact]
    public async Task A_runtime_class_pod_lands_on_its_windows_build_with_the_class_scheduling_merged_in()
    {
        using var kubectl = cluster.Kubectl();
        var ns = await cluster.NamespaceAsync("wincls");
        var runtimeClass = $"ltsc2019-{ns}";
        await cluster.Apply(kubectl, ns, $$"""
            apiVersion: node.k8s.io/v1
            kind: RuntimeClass
            metadata: {name: {{runtimeClass}}}
            handler: runhcs-wcow-process
            overhead:
              podFixed: {cpu: 100m, memory: 32Mi}
            scheduling:
              nodeSelector: {kubernetes.io/os: windows, node.kubernetes.io/windows-build: 10.0.17763}
              tolerations: [{key: os, operator: Equal, value: windows, effect: NoSchedule}]
            """);
        try
        {
            await cluster.Apply(kubectl, ns, $$"""
                apiVersion: v1
                kind: Pod
                metadata: {name: iis}
                spec:
                  runtimeClassName: {{runtimeClass}}
                  nodeSelector: {disk: any}
                  containers: [{name: iis, image: registry.local/iis:ltsc2019}]
                """);
            var refused = await kubectl.RunWithInputAsync($$"""
                apiVersion: v1
                kind: Pod
                metadata: {name: clash}
                spec:
                  runtimeClassName: {{runtimeClass}}
                  nodeSelector: {kubernetes.io/os: linux}
                  containers: [{name: c, image: registry.local/c}]
                """, "apply", "-n", ns, "-f", "-");

            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains($"pods \"clash\" is forbidden: conflict: runtimeClass.scheduling.nodeSelector[kubernetes.io/os] = windows; pod.spec.nodeSelector[kubernetes.io/os] = linux", refused.Stderr, StringComparison.Ordinal);
            var pod = await cluster.Client.CoreV1.ReadNamespacedPodAsync("iis", ns);
            Assert.Equal(new Dictionary<string, string> { ["disk"] = "any", ["kubernetes.io/os"] = "windows", ["node.kubernetes.io/windows-build"] = "10.0.17763" }, pod.Spec.NodeSelector);
            Assert.Contains(pod.Spec.Tolerations, t => t.Key == "os" && t.Value == "windows" && t.Effect == "NoSchedule");
            Assert.Equal("100m", pod.Spec.Overhead["cpu"].ToString());

            // The class's selector plus the pod's own `disk` label: only the 10.0.17763 node once it carries that label.
            await cluster.Eventually(
                async () => (await cluster.Client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: "reason=FailedScheduling,involvedObject.name=iis")).Items.Count > 0,
                TimeSpan.FromSeconds(30),
                "FailedScheduling for iis before any node has disk=any");
            await cluster.Ok(kubectl, "label", "node", OlderNode, Node, "disk=any");
            await cluster.Eventually(async () => (await cluster.Client.CoreV1.ReadNamespacedPodAsync("iis", ns)).Spec.NodeName == OlderNode, TimeSpan.FromSeconds(30), $"iis bound to {OlderNode}");
        }
        finally
        {
            await cluster.Client.NodeV1.DeleteRuntimeClassAsync(runtimeClass);
        }
    }
}
