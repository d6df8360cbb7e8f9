using k8s;
using k8s.Models;
using Orchestrator.ApiMachinery.Images;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Images;

/// <summary>
/// The image-update controller end to end: a real docker-registry, `orchestrator up --hollow-nodes 2
/// --image-update-interval 1s`, an annotated Deployment on <c>127.0.0.1:PORT/app:v1</c>. The tag is pinned, then
/// moved, and the Deployment rolls a new ReplicaSet on the new digest with an Event naming both digests.
/// </summary>
public sealed class ImageUpdateTests : IAsyncLifetime
{
    private readonly string _registryDirectory = Path.Combine(Path.GetTempPath(), $"image-update-registry-{Guid.NewGuid():N}");
    private RegistryProcess _registry = null!;
    private TestImages _images = null!;
    private OrchestratorProcess _server = null!;
    private IKubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _registry = await RegistryProcess.StartAsync(_registryDirectory);
        _images = new TestImages(_registry.BaseAddress);
        _server = await OrchestratorProcess.StartAsync(null, null, "--hollow-nodes", "2", "--image-update-interval", "1s");
        _client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_server.Kubeconfig));
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _images?.Dispose();
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        if (Directory.Exists(_registryDirectory))
        {
            Directory.Delete(_registryDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task AnnotatedDeployment_IsPinned_ThenRolledToTheTagsNewDigest()
    {
        var first = await _images.PushManifestAsync("app", "v1", new ImagePlatform("linux", "amd64"));
        var image = $"{_registry.Host}/app:v1";
        const string ns = "default";
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Deployment(image), ns);

        var pinned = await TemplateImageAsync(ns, $"{image}@{first}");
        var pinnedSet = await ReplicaSetWithImageAsync(ns, $"{image}@{first}");
        await EventAsync(ns, "ImagePinned", e => e.Message.Contains(first, StringComparison.Ordinal));

        var second = await _images.MoveTagAsync("app", "v1");
        var updated = await TemplateImageAsync(ns, $"{image}@{second}");
        var updatedSet = await ReplicaSetWithImageAsync(ns, $"{image}@{second}");
        var moved = await EventAsync(ns, "ImageUpdated", e => e.Message.Contains(second, StringComparison.Ordinal));

        Assert.NotEqual(first, second);
        Assert.NotEqual(pinnedSet.Metadata.Name, updatedSet.Metadata.Name);
        Assert.True(updated.Metadata.Generation > pinned.Metadata.Generation);
        Assert.Equal($"Updated container app image {image} from {first} to {second}", moved.Message);
        Assert.Equal("Deployment", moved.InvolvedObject.Kind);
        await Until(async () => (await _client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Status is { UpdatedReplicas: 2, AvailableReplicas: 2 } status
            && status.ObservedGeneration >= updated.Metadata.Generation, "the rollout to the new digest");
    }

    private static V1Deployment Deployment(string image) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", Annotations = new Dictionary<string, string> { ["orchestrator.dev/image-update"] = "digest" } },
        Spec = new V1DeploymentSpec
        {
            Replicas = 2,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = image }] },
            },
        },
    };

    private async Task<V1Deployment> TemplateImageAsync(string ns, string image)
    {
        V1Deployment? found = null;
        await Until(async () => (found = await _client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Spec.Template.Spec.Containers[0].Image == image, $"template image {image}");
        return found!;
    }

    private async Task<V1ReplicaSet> ReplicaSetWithImageAsync(string ns, string image)
    {
        V1ReplicaSet? found = null;
        await Until(async () => (found = (await _client.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items.FirstOrDefault(rs => rs.Spec.Template.Spec.Containers[0].Image == image)) is not null, $"a ReplicaSet with {image}");
        return found!;
    }

    private async Task<Corev1Event> EventAsync(string ns, string reason, Func<Corev1Event, bool> match)
    {
        Corev1Event? found = null;
        await Until(async () => (found = (await _client.CoreV1.ListNamespacedEventAsync(ns)).Items.FirstOrDefault(e => e.Reason == reason && match(e))) is not null, $"a {reason} Event");
        return found!;
    }

    private async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
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
