using k8s;
using k8s.Models;
using Orchestrator.ApiMachinery.Images;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Cluster;

/// <summary>
/// The scheduler's ImagePlatform plugin against a real registry: images whose index lists only windows/10.0.17763,
/// only windows/10.0.20348, only linux/amd64 or only windows/10.0.19041, a Linux hollow node (`up --hollow-nodes 1`)
/// and two hollow Windows nodes labelled with builds 10.0.17763 and 10.0.20348. No pod has a nodeSelector.
/// </summary>
public sealed class ImagePlatformTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"image-platform-{Guid.NewGuid():N}");
    private readonly List<IAsyncDisposable> _processes = [];
    private RegistryProcess _registry = null!;
    private OrchestratorProcess _server = null!;
    private IKubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _registry = await RegistryProcess.StartAsync(Path.Combine(_directory, "registry"));
        _processes.Add(_registry);
        using (var images = new TestImages(_registry.BaseAddress))
        {
            await images.PushIndexAsync("win/app", "ltsc2019", [new ImagePlatform("windows", "amd64", OsVersion: "10.0.17763.1879")]);
            await images.PushIndexAsync("win/app", "ltsc2022", [new ImagePlatform("windows", "amd64", OsVersion: "10.0.20348.2113")]);
            await images.PushIndexAsync("win/app", "2004", [new ImagePlatform("windows", "amd64", OsVersion: "10.0.19041.1415")]);
            await images.PushIndexAsync("web", "1", [new ImagePlatform("linux", "amd64")]);
        }

        _server = await OrchestratorProcess.StartAsync(null, null, "--hollow-nodes", "1");
        _processes.Add(_server);
        _client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_server.Kubeconfig));
        foreach (var build in new[] { "17763", "20348" })
        {
            _processes.Add(await ComponentProcess.StartAsync(
                "kubelet", "--kubeconfig", _server.Kubeconfig, "--nodes", "1", "--name-prefix", $"win{build}-", "--os", "windows",
                "--labels", $"node.kubernetes.io/windows-build=10.0.{build}"));
        }
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        for (var i = _processes.Count - 1; i >= 0; i--)
        {
            await _processes[i].DisposeAsync();
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Pods_land_on_nodes_that_can_run_their_images_without_a_node_selector()
    {
        await Eventually(async () => (await _client.CoreV1.ListNodeAsync()).Items.Count(Ready) == 3, "3 ready nodes");
        var ns = "images";
        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        // The ServiceAccount admission refuses pods until the controller made the namespace's default account.
        await Eventually(async () => (await _client.CoreV1.ListNamespacedServiceAccountAsync(ns)).Items.Any(a => a.Metadata.Name == "default"), "the default service account");
        var expected = new Dictionary<string, string>
        {
            ["ltsc2019-a"] = "win17763-0", ["ltsc2019-b"] = "win17763-0",
            ["ltsc2022-a"] = "win20348-0", ["ltsc2022-b"] = "win20348-0",
            ["web-a"] = "hollow-node-0", ["web-b"] = "hollow-node-0", ["web-c"] = "hollow-node-0",
        };
        foreach (var name in expected.Keys.Append("v2004-a"))
        {
            var image = name.StartsWith("web", StringComparison.Ordinal) ? $"{_registry.Host}/web:1"
                : $"{_registry.Host}/win/app:{name.Split('-')[0].TrimStart('v')}";
            await _client.CoreV1.CreateNamespacedPodAsync(Pod(name, image), ns);
        }

        await Eventually(
            async () => (await _client.CoreV1.ListNamespacedPodAsync(ns)).Items.Count(p => !string.IsNullOrEmpty(p.Spec.NodeName)) == expected.Count,
            "7 pods bound");
        var pods = (await _client.CoreV1.ListNamespacedPodAsync(ns)).Items;
        Assert.Equal(expected, pods.Where(p => expected.ContainsKey(p.Metadata.Name)).ToDictionary(p => p.Metadata.Name, p => p.Spec.NodeName));

        // An image built for 10.0.19041 runs on none of them: Pending, and the event says why.
        await Eventually(
            async () => (await _client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: "reason=FailedScheduling")).Items.Count > 0,
            "a FailedScheduling event");
        var failed = (await _client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: "reason=FailedScheduling")).Items.Single();
        Assert.Equal("v2004-a", failed.InvolvedObject.Name);
        Assert.StartsWith(
            $"0/3 nodes are available: 3 node(s) cannot run image {_registry.Host}/win/app:2004: os windows/10.0.19041 needed.",
            failed.Message,
            StringComparison.Ordinal);
        Assert.Null((await _client.CoreV1.ReadNamespacedPodAsync("v2004-a", ns)).Spec.NodeName);
    }

    private static bool Ready(V1Node node) => node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static V1Pod Pod(string name, string image) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = image }] },
    };

    private async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                var log = _server.Output;
                Assert.Fail($"timed out waiting for {what}\n--- server log tail\n{log[Math.Max(0, log.Length - 3000)..]}");
            }

            await Task.Delay(200);
        }
    }
}
