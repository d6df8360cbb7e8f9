using k8s;
using k8s.Models;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Containers;

/// <summary>
/// `kubelet --runtime containerd --container-runtime-endpoint unix://…`: a real node on a containerd someone else runs
/// (the fixture's, with its own CNI config), as a Windows node uses containerd's named pipe. The kubelet starts no
/// containerd and writes no pod network: the pod gets its address from the runtime's CNI, runs, and its log is served.
/// </summary>
public sealed class ExternalRuntimeTests : IAsyncLifetime
{
    private const string NodeName = "external-cri-node";

    private ContainerdFixture _containerd = null!;
    private OrchestratorProcess _server = null!;
    private ComponentProcess? _kubelet;
    private IKubernetes _client = null!;
    private string _root = null!;

    public async Task InitializeAsync()
    {
        _containerd = await ContainerdFixture.StartAsync();
        _server = await OrchestratorProcess.StartAsync(null, null, "--cluster-cidr", _containerd.PodCidr, "--real-node", "false");
        _client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_server.Kubeconfig));
        _root = Directory.CreateTempSubdirectory("orchestrator-extcri-").FullName;
    }

    public async Task DisposeAsync()
    {
        if (_kubelet is not null)
        {
            await _kubelet.DisposeAsync();
        }

        _client.Dispose();
        await _server.DisposeAsync();
        await _containerd.DisposeAsync();
        Orchestrator.Kubelet.Runtime.Containerd.KubeletRootCleanup.Remove(_root);
    }

    [Fact]
    public async Task A_pod_runs_on_an_existing_containerd_and_its_log_is_served()
    {
        var kubeconfig = _server.WriteKubeconfig(Path.Combine(_root, "kubelet.kubeconfig"), null, "system:node:" + NodeName, "system:nodes");
        _kubelet = await ComponentProcess.StartAsync(
            "kubelet", "--kubeconfig", kubeconfig, "--runtime", "containerd", "--node-name", NodeName, "--root-dir", _root,
            "--container-runtime-endpoint", _containerd.Endpoint, "--cgroup-root", _containerd.CgroupParent,
            "--node-ip", "127.0.0.1", "--port", "0", "--proxy-mode", "none", "--node-dns", "false");
        await EventuallyAsync(async () => (await _client.CoreV1.ListNodeAsync()).Items.Any(n => n.Metadata.Name == NodeName && n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true), "the node to be Ready");

        await _client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = "hello" },
                Spec = new V1PodSpec
                {
                    TerminationGracePeriodSeconds = 1,
                    Containers = [new V1Container { Name = "main", Image = Manifests.Image, ImagePullPolicy = "IfNotPresent", Command = ["sh", "-c", "echo hello from $(hostname); sleep 3600"] }],
                },
            },
            "default");
        V1Pod? pod = null;
        await EventuallyAsync(async () => ContainerdCluster.IsRunning(pod = await _client.CoreV1.ReadNamespacedPodAsync("hello", "default")), "pod hello to run");

        using var kubectl = new Kubectl("1.33", _server.Kubeconfig);
        var logs = await kubectl.RunAsync("logs", "hello");
        Assert.True(logs.ExitCode == 0, $"kubectl logs: {logs}");
        Assert.Equal("hello from hello", logs.Stdout.Trim());
        // The address is the runtime's CNI's (the fixture's bridge subnet), the runtime the fixture's, and no private containerd exists.
        Assert.True(System.Net.IPNetwork.Parse(_containerd.PodCidr).Contains(System.Net.IPAddress.Parse(pod!.Status.PodIP)), $"pod IP {pod.Status.PodIP} outside {_containerd.PodCidr}");
        Assert.Contains($"({_containerd.Endpoint})", _kubelet.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "containerd")), "the kubelet made a private containerd state dir");
    }

    private async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}\n--- kubelet log\n{_kubelet?.Output}");
            }

            await Task.Delay(200);
        }
    }
}
