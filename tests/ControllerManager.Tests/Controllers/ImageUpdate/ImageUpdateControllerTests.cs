using System.Text;
using k8s;
using k8s.Models;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Orchestrator.Client.Registry;
using Orchestrator.ControllerManager.Controllers.ImageUpdate;

namespace Orchestrator.ControllerManager.Tests.Controllers.ImageUpdate;

/// <summary>The controller on the in-process API server, with a substitute registry: which kinds, credentials, events.</summary>
public sealed class ImageUpdateControllerTests
{
    private const string D1 = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private static readonly ImageUpdateOptions Fast = new() { Interval = TimeSpan.FromMilliseconds(200), MaxBackoff = TimeSpan.FromSeconds(1) };

    private readonly IRegistryClient _registry = Substitute.For<IRegistryClient>();

    [Fact]
    public async Task StatefulSet_IsPinned_WithTheCredentialOfItsPullSecret()
    {
        _registry.HeadManifestAsync("r.example/db:v1", Arg.Any<RegistryCredential?>(), Arg.Any<string?>(), Arg.Any<CancellationToken>())
            .Returns(new ManifestHead(ManifestHeadStatus.Found, D1, null));
        await using var harness = await ControllerHarness.StartAsync(c => new ImageUpdateController(c, Fast, _registry));
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s3cret"));
        await harness.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "pull" },
            Type = "kubernetes.io/dockerconfigjson",
            Data = new Dictionary<string, byte[]> { [".dockerconfigjson"] = Encoding.UTF8.GetBytes("""{"auths":{"https://r.example/v2/":{"auth":""" + $"\"{auth}\"" + "}}}") },
        }, "default");
        var template = Template("r.example/db:v1");
        template.Spec.ImagePullSecrets = [new V1LocalObjectReference { Name = "missing" }, new V1LocalObjectReference { Name = "pull" }];
        await harness.Client.AppsV1.CreateNamespacedStatefulSetAsync(new V1StatefulSet
        {
            Metadata = Annotated("db"),
            Spec = new V1StatefulSetSpec { Selector = Selector(), ServiceName = "db", Template = template },
        }, "default");

        await harness.EventuallyAsync(() => harness.Client.AppsV1.ReadNamespacedStatefulSetAsync("db", "default"), s => s.Spec.Template.Spec.Containers[0].Image == $"r.example/db:v1@{D1}", "the pinned image");
        var pinned = await harness.EventuallyAsync(() => EventsAsync(harness.Client), e => e.Any(x => x.Reason == "ImagePinned"), "an ImagePinned event");

        await _registry.Received().HeadManifestAsync("r.example/db:v1", new RegistryCredential("alice", "s3cret"), Arg.Any<string?>(), Arg.Any<CancellationToken>());
        Assert.Equal($"Pinned container app image r.example/db:v1 to {D1}", pinned.Single(e => e.Reason == "ImagePinned").Message);
    }

    [Fact]
    public async Task UnreachableRegistry_IsAWarning_AndChangesNothing_UnsupportedPolicy_IsAWarning()
    {
        _registry.HeadManifestAsync(Arg.Any<string>(), Arg.Any<RegistryCredential?>(), Arg.Any<string?>(), Arg.Any<CancellationToken>())
            .Throws(new RegistryException("HEAD http://r.example/v2/agent/manifests/v1: connection refused"));
        await using var harness = await ControllerHarness.StartAsync(c => new ImageUpdateController(c, Fast, _registry));
        var semver = Annotated("semver");
        semver.Annotations[ImageUpdatePlanner.Annotation] = "semver";
        await harness.Client.AppsV1.CreateNamespacedDaemonSetAsync(new V1DaemonSet { Metadata = Annotated("agent"), Spec = new V1DaemonSetSpec { Selector = Selector(), Template = Template("r.example/agent:v1") } }, "default");
        await harness.Client.AppsV1.CreateNamespacedDaemonSetAsync(new V1DaemonSet { Metadata = semver, Spec = new V1DaemonSetSpec { Selector = Selector(), Template = Template("r.example/agent:v1") } }, "default");
        await harness.Client.AppsV1.CreateNamespacedDaemonSetAsync(new V1DaemonSet { Metadata = new V1ObjectMeta { Name = "plain" }, Spec = new V1DaemonSetSpec { Selector = Selector(), Template = Template("r.example/plain:v1") } }, "default");

        var events = await harness.EventuallyAsync(() => EventsAsync(harness.Client), e => e.Any(x => x.Reason == "ImageCheckFailed") && e.Any(x => x.Reason == "UnsupportedImageUpdatePolicy"), "warnings");

        Assert.StartsWith("HEAD http://r.example/v2/agent/manifests/v1: connection refused (failure 1; next check in", events.First(e => e.Reason == "ImageCheckFailed").Message, StringComparison.Ordinal);
        Assert.All(events, e => Assert.Equal("Warning", e.Type));
        Assert.Equal("r.example/agent:v1", (await harness.Client.AppsV1.ReadNamespacedDaemonSetAsync("agent", "default")).Spec.Template.Spec.Containers[0].Image);
        await _registry.DidNotReceive().HeadManifestAsync("r.example/plain:v1", Arg.Any<RegistryCredential?>(), Arg.Any<string?>(), Arg.Any<CancellationToken>());
    }

    private static async Task<IList<Corev1Event>> EventsAsync(IKubernetes client) => (await client.CoreV1.ListNamespacedEventAsync("default")).Items;

    private static V1ObjectMeta Annotated(string name) => new() { Name = name, Annotations = new Dictionary<string, string> { [ImageUpdatePlanner.Annotation] = "digest" } };

    private static V1LabelSelector Selector() => new() { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } };

    private static V1PodTemplateSpec Template(string image) => new()
    {
        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = image }] },
    };
}
