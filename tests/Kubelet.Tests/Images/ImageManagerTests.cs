using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Kubelet.Backoff;
using Orchestrator.Kubelet.Runtime.Cri.Client;
using Orchestrator.Kubelet.Runtime.Cri;
using Orchestrator.Kubelet.Images;
using Orchestrator.Kubelet.Tests.Runtime.Containerd;
using Orchestrator.Kubelet.Tests.Probes;
using Orchestrator.Testing;

namespace Orchestrator.Kubelet.Tests.Images;

/// <summary>ImageManager against the real containerd and registry of the test run.</summary>
[Collection(ContainerdCollection.Name)]
public sealed class ImageManagerTests(ContainerdFixture fixture) : IDisposable
{
    private readonly CriClient _cri = CriClient.Connect(fixture.Endpoint);
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingEvents _events = new();

    public void Dispose() => _cri.Dispose();

    [Fact]
    public async Task Always_pulls_from_the_registry_with_pulling_and_pulled_events()
    {
        var image = fixture.RegistryBusyboxImage;

        var result = await Manager().EnsureImageAsync(Pod(), Container(image, "Always"), CancellationToken.None);

        Assert.Equal(new ImageEnsureResult(fixture.Busybox.Config.Digest), result);
        Assert.Equal(
            [("Normal", "Pulling", $"Pulling image \"{image}\"")],
            _events.Events.Take(1).Select(e => (e.Type, e.Reason, e.Message)));
        var pulled = _events.Events.Last();
        Assert.Equal(("Normal", "Pulled"), (pulled.Type, pulled.Reason));
        Assert.Matches($"^Successfully pulled image \"{System.Text.RegularExpressions.Regex.Escape(image)}\" in [0-9.]+m?s \\([0-9.]+m?s including waiting\\)\\. Image size: [1-9][0-9]* bytes\\.$", pulled.Message);
    }

    [Fact]
    public async Task If_not_present_uses_the_local_image_without_pulling()
    {
        var result = await Manager().EnsureImageAsync(Pod(), Container(fixture.BusyboxImage, "IfNotPresent"), CancellationToken.None);

        Assert.Equal(fixture.Busybox.Config.Digest, result.ImageRef);
        Assert.Equal(
            [("Normal", "Pulled", $"Container image \"{fixture.BusyboxImage}\" already present on machine")],
            _events.Events.Select(e => (e.Type, e.Reason, e.Message)));
    }

    [Fact]
    public async Task Never_with_an_absent_image_is_err_image_never_pull()
    {
        var image = "localhost/absent:1";

        var result = await Manager().EnsureImageAsync(Pod(), Container(image, "Never"), CancellationToken.None);

        var message = $"Container image \"{image}\" is not present with pull policy of Never";
        Assert.Equal(new ImageEnsureResult(null, ImagePullReasons.ErrImageNeverPull, message, ImageManager.RetryNeverPull), result);
        Assert.Equal([("Warning", "ErrImageNeverPull", message)], _events.Events.Select(e => (e.Type, e.Reason, e.Message)));
    }

    [Fact]
    public async Task A_missing_tag_fails_then_backs_off_then_retries_after_the_back_off()
    {
        var manager = Manager();
        var pod = Pod();
        var container = Container($"{fixture.RegistryHost}/busybox:missing", "IfNotPresent");

        var first = await manager.EnsureImageAsync(pod, container, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(9));
        var second = await manager.EnsureImageAsync(pod, container, CancellationToken.None);
        var otherPod = await manager.EnsureImageAsync(Pod(), container, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        var third = await manager.EnsureImageAsync(pod, container, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(19));
        var fourth = await manager.EnsureImageAsync(pod, container, CancellationToken.None);

        Assert.Equal(ImagePullReasons.ErrImagePull, first.Reason);
        Assert.Contains("not found", first.Message, StringComparison.Ordinal);
        Assert.Equal(ImageManager.RetryAfterPullError, first.RetryIn);
        Assert.Equal(ImagePullReasons.ImagePullBackOff, second.Reason);
        Assert.Equal($"Back-off pulling image \"{container.Image}\": ErrImagePull: {first.Message}", second.Message);
        Assert.Equal(TimeSpan.FromSeconds(1), second.RetryIn);
        Assert.Equal(ImagePullReasons.ErrImagePull, otherPod.Reason);
        Assert.Equal(ImagePullReasons.ErrImagePull, third.Reason);
        Assert.Equal(ImagePullReasons.ImagePullBackOff, fourth.Reason);
        Assert.Equal(TimeSpan.FromSeconds(1), fourth.RetryIn);
        Assert.Equal(
            ["Pulling", "Failed", "BackOff", "Pulling", "Failed", "Pulling", "Failed", "BackOff"],
            _events.Events.Select(e => e.Reason));
        Assert.StartsWith($"Failed to pull image \"{container.Image}\": rpc error: code = NotFound desc = ", _events.Events.ElementAt(1).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_name_is_invalid_image_name()
    {
        var result = await Manager().EnsureImageAsync(Pod(), Container("Not Valid", "IfNotPresent"), CancellationToken.None);

        Assert.Equal(ImagePullReasons.InvalidImageName, result.Reason);
        Assert.Equal("InspectFailed", _events.Events.Single().Reason);
    }

    private ImageManager Manager() => new(_cri.Images, _events, KeyedBackoff.Kubelet(_time), NullLogger<ImageManager>.Instance);

    private static V1Pod Pod() => new() { Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "default", Uid = Guid.NewGuid().ToString() } };

    private static V1Container Container(string image, string policy) => new() { Name = "c", Image = image, ImagePullPolicy = policy };
}
