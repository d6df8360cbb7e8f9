using System.Globalization;
using k8s;
using k8s.Models;
using Orchestrator.Client.Processes;
using Orchestrator.Kubelet.Runtime.Containerd;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Network;

/// <summary>
/// A two-node cluster on one machine (multinode-netns.md): the nodes are network namespaces on a LAN
/// (<see cref="NetnsTopology"/>), the control plane is <c>orchestrator up --real-node false --bind-address 0.0.0.0</c> in
/// the root namespace, and each node runs <c>nsenter --net=/run/netns/NODE orchestrator kubelet --runtime containerd</c>,
/// which starts its own containerd inside the node's namespace. The LAN /24 and the cluster CIDR are free networks
/// reserved for the run. Derive a fixture per kubelet configuration (<see cref="ExtraKubeletArguments"/>, e.g. a proxy
/// mode) and a collection for each. Disposing removes kubelets (and their containerd, pods, mounts, cgroups, CNI cache),
/// the server, the namespaces and the reservations — also after a failed start.
/// </summary>
public abstract class NetnsCluster : IAsyncLifetime
{
    public const string Image = "localhost/busybox:1.35";
    private static readonly string[] NodeNames = ["node-a", "node-b"];
    private static readonly TimeSpan KubeletStopGrace = TimeSpan.FromSeconds(30);

    private readonly List<NetnsNode> _nodes = [];
    private readonly Dictionary<string, Task<object>> _shared = [];
    private SubnetReservation? _clusterCidr;
    private string? _nodeKubeconfigDir;
    private IKubernetes? _client;

    /// <param name="extraKubeletArguments">Appended to every kubelet's command line.</param>
    protected NetnsCluster(IReadOnlyList<string> extraKubeletArguments) => ExtraKubeletArguments = extraKubeletArguments;

    public IReadOnlyList<string> ExtraKubeletArguments { get; }

    public NetnsTopology Topology { get; private set; } = null!;

    public OrchestratorProcess Server { get; private set; } = null!;

    public IKubernetes Client => _client ?? throw new InvalidOperationException("the cluster is not started");

    public Ipv4Cidr ClusterCidr => (_clusterCidr ?? throw new InvalidOperationException("the cluster is not started")).Cidr;

    public IReadOnlyList<NetnsNode> Nodes => _nodes;

    public NetnsNode NodeA => _nodes[0];

    public NetnsNode NodeB => _nodes[1];

    /// <summary>Why the cluster cannot run here, or null.</summary>
    public static string? Unavailable() => NetworkNamespace.Unavailable() ?? ContainerdNode.Unavailable();

    public async Task InitializeAsync()
    {
        if (Unavailable() is not null)
        {
            // Every test is skipped with the reason (NetnsClusterFact); nothing to start.
            return;
        }

        try
        {
            await StartAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            if (node.Kubelet is { } kubelet)
            {
                await kubelet.InterruptAsync(KubeletStopGrace);
                await kubelet.DisposeAsync();
            }
        }

        foreach (var node in _nodes)
        {
            await NetnsCleanup.NodeAsync(node);
        }

        _nodes.Clear();
        _client?.Dispose();
        _client = null;
        if (Server is not null)
        {
            await Server.DisposeAsync();
            Server = null!;
        }

        if (Topology is not null)
        {
            await Topology.DisposeAsync();
            Topology = null!;
        }

        _clusterCidr?.Dispose();
        _clusterCidr = null;
        if (_nodeKubeconfigDir is not null)
        {
            Directory.Delete(_nodeKubeconfigDir, recursive: true);
            _nodeKubeconfigDir = null;
        }
    }

    /// <summary>
    /// The object <paramref name="create"/> makes, made once per cluster under <paramref name="key"/> and shared by the
    /// tests of the collection (e.g. a Deployment every test sends requests to); a failed creation fails every caller.
    /// </summary>
    public async Task<T> SharedAsync<T>(string key, Func<Task<T>> create)
        where T : class
    {
        Task<object> task;
        lock (_shared)
        {
            if (!_shared.TryGetValue(key, out task!))
            {
                task = CreateShared(create);
                _shared[key] = task;
            }
        }

        return (T)await task;
    }

    public Kubectl Kubectl() => new("1.33", Server.Kubeconfig);

    /// <summary>A fresh namespace whose default service account exists.</summary>
    public async Task<string> NamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{NetworkNamespace.RandomSuffix()}";
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        await WaitAsync(async () => (await Client.CoreV1.ListNamespacedServiceAccountAsync(name)).Items.Any(sa => sa.Metadata.Name == "default"), $"namespace {name}'s default service account");
        return name;
    }

    /// <summary>Creates a busybox pod bound to <paramref name="node"/> running <paramref name="command"/>, and waits until it runs with an IP.</summary>
    public async Task<V1Pod> RunPodAsync(string ns, string name, NetnsNode node, params string[] command)
    {
        await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = name } },
            Spec = new V1PodSpec
            {
                NodeName = node.Name,
                TerminationGracePeriodSeconds = 1,
                Containers = [new V1Container { Name = "main", Image = Image, ImagePullPolicy = "IfNotPresent", Command = command }],
            },
        }, ns);
        V1Pod pod = null!;
        await WaitAsync(async () =>
        {
            pod = await Client.CoreV1.ReadNamespacedPodAsync(name, ns);
            return pod.Status?.Phase == "Running" && !string.IsNullOrEmpty(pod.Status.PodIP) && pod.Status.ContainerStatuses?.All(c => c.State?.Running is not null) == true;
        }, $"pod {ns}/{name} running on {node.Name}");
        return pod;
    }

    /// <summary><c>kubectl exec -n NS POD -- COMMAND</c> (through the API server to the node's kubelet on the LAN).</summary>
    public async Task<KubectlResult> ExecAsync(string ns, string pod, params string[] command)
    {
        using var kubectl = Kubectl();
        return await kubectl.RunAsync(["exec", "-n", ns, pod, "--", .. command]);
    }

    /// <summary><c>kubectl logs -n NS POD</c>.</summary>
    public async Task<string> LogsAsync(string ns, string pod)
    {
        using var kubectl = Kubectl();
        var result = await kubectl.RunAsync("logs", "-n", ns, pod);
        Assert.True(result.ExitCode == 0, $"kubectl logs {pod}: {result}");
        return result.Stdout;
    }

    /// <summary>Runs a short command in the lan namespace (the "outside world" of the nodes).</summary>
    public Task<HostCommandResult> LanAsync(string file, params string[] arguments) => Topology.Lan.ExecAsync(file, arguments);

    /// <summary>Polls <paramref name="condition"/>; fails with the kubelets' and the server's log tails after <paramref name="seconds"/>.</summary>
    public Task WaitAsync(Func<Task<bool>> condition, string what, int seconds = 60) =>
        Eventually.TrueAsync(condition, what, TimeSpan.FromSeconds(seconds), () => Task.FromResult(Diagnostics()));

    /// <summary>Like <see cref="WaitAsync(Func{Task{bool}}, string, int)"/>, and the failure starts with <paramref name="lastSeen"/>'s account of the last attempt.</summary>
    public Task WaitAsync(Func<Task<bool>> condition, string what, Func<string> lastSeen, int seconds = 60) =>
        Eventually.TrueAsync(condition, what, TimeSpan.FromSeconds(seconds), () => Task.FromResult(lastSeen() + Diagnostics()));

    /// <summary>The last lines of every kubelet's and the server's output.</summary>
    public string Diagnostics() =>
        string.Concat(_nodes.Select(n => $"\n--- kubelet {n.Name}\n{Tail(n.Kubelet?.Output)}")) + $"\n--- server\n{Tail(Server?.Output)}";

    private async Task StartAsync()
    {
        Topology = await NetnsTopology.CreateAsync(NodeNames.Length);
        _clusterCidr = await NetworkAllocator.ReserveAsync(16);
        Server = await OrchestratorProcess.StartAsync(null, null, "--real-node", "false", "--bind-address", "0.0.0.0", "--advertise-address", Topology.RootAddress, "--cluster-cidr", ClusterCidr.ToString());
        _client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Server.Kubeconfig));
        _nodeKubeconfigDir = Directory.CreateTempSubdirectory("orc-netns-kubeconfig-").FullName;
        for (var i = 0; i < NodeNames.Length; i++)
        {
            _nodes.Add(CreateNode(NodeNames[i], Topology.Nodes[i], Topology.NodeAddress(i)));
        }

        await Task.WhenAll(_nodes.Select(StartNodeAsync));
        await WaitAsync(async () =>
        {
            var nodes = (await Client.CoreV1.ListNodeAsync()).Items;
            return NodeNames.All(name => nodes.Any(n => n.Metadata.Name == name && !string.IsNullOrEmpty(n.Spec?.PodCIDR)
                && n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true));
        }, "both nodes Ready with a podCIDR", seconds: 90);
    }

    /// <summary>The API server at its LAN address (a name of its serving certificate), as the nodes reach it.</summary>
    public Uri LanServer => new($"https://{Topology.RootAddress}:{Server.Address.Port.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The node <paramref name="name"/> in <paramref name="ns"/> at <paramref name="address"/>, with a fresh kubelet root under the temp directory.</summary>
    protected virtual NetnsNode CreateNode(string name, NetworkNamespace ns, string address) =>
        new(name, ns, address, Path.Combine(Path.GetTempPath(), $"orc-nd-{NetworkNamespace.RandomSuffix()}"));

    /// <summary>
    /// Starts the node's kubelet with its own identities over TLS to the server's LAN address (a name of its serving
    /// certificate): system:node:NAME for the kubelet, system:kube-proxy and system:kube-dns for its companions; sets
    /// <see cref="NetnsNode.Kubelet"/>.
    /// </summary>
    protected virtual async Task StartNodeAsync(NetnsNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var server = LanServer;
        var kubeconfig = Server.WriteKubeconfig(Path.Combine(_nodeKubeconfigDir!, $"kubelet-{node.Name}.kubeconfig"), server, "system:node:" + node.Name, "system:nodes");
        var proxy = Server.WriteKubeconfig(Path.Combine(_nodeKubeconfigDir!, $"proxy-{node.Name}.kubeconfig"), server, "system:kube-proxy");
        var dns = Server.WriteKubeconfig(Path.Combine(_nodeKubeconfigDir!, $"dns-{node.Name}.kubeconfig"), server, "system:kube-dns");
        node.Kubelet = await ComponentProcess.StartWrappedAsync(
            ["nsenter", "--net=" + node.Namespace.Path],
            ["kubelet", "--kubeconfig", kubeconfig, "--proxy-kubeconfig", proxy, "--dns-kubeconfig", dns, "--runtime", "containerd", "--node-name", node.Name, "--node-ip", node.Address,
             "--root-dir", node.RootDir, "--cluster-cidr", ClusterCidr.ToString(), "--port", "10250", .. ExtraKubeletArguments]);
    }

    private static async Task<object> CreateShared<T>(Func<Task<T>> create)
        where T : class => await create();

    private static string Tail(string? text) => text is null ? string.Empty : text[Math.Max(0, text.Length - 3000)..];
}
