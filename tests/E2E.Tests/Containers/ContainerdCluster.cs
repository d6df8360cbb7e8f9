using k8s;
using k8s.Models;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Containers;

/// <summary>
/// A cluster with one real node: a private containerd (images imported, a local registry), the
/// control plane (`orchestrator up` without nodes, pod CIDR = the containerd's free subnet) and a
/// separate `orchestrator kubelet --runtime containerd` process that adopts that containerd, so
/// tests can kill and restart the kubelet while containers keep running.
/// </summary>
public sealed class ContainerdCluster : IAsyncLifetime
{
    public const string NodeName = "real-node";

    private string _kubeletRoot = null!;

    public ContainerdFixture Containerd { get; private set; } = null!;

    public OrchestratorProcess Server { get; private set; } = null!;

    public ComponentProcess Kubelet { get; private set; } = null!;

    public IKubernetes Client { get; private set; } = null!;

    /// <summary>The API server's audit log (JSON lines): what the kubelet asked for, as whom.</summary>
    public string AuditLog { get; } = Path.Combine(Path.GetTempPath(), $"orchestrator-audit-{Guid.NewGuid():N}.log");

    public async Task InitializeAsync()
    {
        Containerd = await ContainerdFixture.StartAsync();
        // Metrics every 2 s, so kubectl top answers within seconds of a pod starting; autoscalers synced as often.
        Server = await OrchestratorProcess.StartAsync(
            null, null, "--cluster-cidr", Containerd.PodCidr, "--real-node", "false", "--audit-log", AuditLog, "--metric-resolution", "2s",
            "--horizontal-pod-autoscaler-sync-period", "2s");
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Server.Kubeconfig));
        _kubeletRoot = Directory.CreateTempSubdirectory("orchestrator-kubelet-").FullName;
        await StartKubeletAsync();
    }

    public async Task DisposeAsync()
    {
        await Kubelet.DisposeAsync();
        Client.Dispose();
        await Server.DisposeAsync();
        await Containerd.DisposeAsync();
        Orchestrator.Kubelet.Runtime.Containerd.KubeletRootCleanup.Remove(_kubeletRoot);
        File.Delete(AuditLog);
    }

    /// <summary>Starts the kubelet process (again) and waits until its node is Ready.</summary>
    public async Task StartKubeletAsync()
    {
        // The node's own identity, as `join` gives a real node: the kubelet's client certificate is system:node:NAME.
        var kubeconfig = Server.WriteKubeconfig(Path.Combine(_kubeletRoot, "kubelet.kubeconfig"), null, "system:node:" + NodeName, "system:nodes");
        // The node's local-path provisioner has its own identity, as `up` gives it (no node may create PersistentVolumes).
        var localPath = Server.WriteKubeconfig(Path.Combine(_kubeletRoot, "local-path.kubeconfig"), null, "system:orchestrator:local-path-provisioner");
        Kubelet = await ComponentProcess.StartAsync(
            "kubelet", "--kubeconfig", kubeconfig, "--local-path-kubeconfig", localPath, "--runtime", "containerd", "--node-name", NodeName,
            "--root-dir", _kubeletRoot, "--containerd-state-dir", Containerd.StateDir, "--node-ip", "127.0.0.1", "--port", "0",
            // This node lives in the host's root namespace: no host-gw routes, masquerade table or sysctls there (NetnsCluster tests those).
            "--pod-network", "none", "--proxy-mode", "none", "--node-dns", "false");
        await Eventually(async () => (await Client.CoreV1.ListNodeAsync()).Items.Any(n => n.Metadata.Name == NodeName && n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true && !string.IsNullOrEmpty(n.Spec?.PodCIDR)), TimeSpan.FromSeconds(60), "the real node to be Ready");
    }

    public Kubectl Kubectl(string version = "1.33") => new(version, Server.Kubeconfig);

    public async Task<string> NamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        await Eventually(async () => (await Client.CoreV1.ListNamespacedServiceAccountAsync(name)).Items.Any(sa => sa.Metadata.Name == "default"), TimeSpan.FromSeconds(30), "default service account");
        return name;
    }

    public async Task Eventually(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out after {timeout.TotalSeconds} s waiting for {what}\n--- kubelet log tail\n{Tail(Kubelet?.Output)}\n--- server log tail\n{Tail(Server.Output)}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Waits for a pod to satisfy <paramref name="condition"/> and returns it.</summary>
    public async Task<V1Pod> PodAsync(string ns, string name, Func<V1Pod, bool> condition, string what, int seconds = 60)
    {
        V1Pod? pod = null;
        await Eventually(async () =>
        {
            pod = await Client.CoreV1.ReadNamespacedPodAsync(name, ns);
            return condition(pod);
        }, TimeSpan.FromSeconds(seconds), $"pod {ns}/{name}: {what}");
        return pod!;
    }

    public async Task<KubectlResult> Ok(Kubectl kubectl, params string[] args)
    {
        var result = await kubectl.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', args)}: {result}");
        return result;
    }

    public async Task Apply(string ns, string manifest)
    {
        using var kubectl = Kubectl();
        var result = await kubectl.RunWithInputAsync(manifest, "apply", "-n", ns, "-f", "-");
        Assert.True(result.ExitCode == 0, $"kubectl apply: {result}");
    }

    /// <summary>"pod/container state" of every CRI container the node's containerd holds (crictl-like, through ctr labels).</summary>
    public async Task<IReadOnlyList<string>> ContainersAsync()
    {
        using var cri = Orchestrator.Kubelet.Runtime.Cri.Client.CriClient.Connect(Containerd.Endpoint);
        var list = await cri.Runtime.ListContainersAsync(new Orchestrator.Kubelet.Runtime.Cri.Api.ListContainersRequest());
        return list.Containers
            .Select(c => $"{c.Labels.GetValueOrDefault(Orchestrator.Kubelet.Runtime.Cri.CriLabels.PodName)}/{c.Metadata.Name} {c.State}")
            .ToList();
    }

    public static bool IsRunning(V1Pod pod) => pod.Status?.Phase == "Running" && pod.Status.ContainerStatuses?.All(c => c.State?.Running is not null) == true;

    private static string Tail(string? text) => text is null ? string.Empty : text[Math.Max(0, text.Length - 3000)..];
}

[CollectionDefinition(Name)]
public sealed class ContainerdCollection : ICollectionFixture<ContainerdCluster>
{
    public const string Name = "containerd";
}
