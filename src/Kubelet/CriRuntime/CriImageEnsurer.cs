using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using k8s.Models;
using Orchestrator.Client;
using Orchestrator.Kubelet.Cri;
using Orchestrator.Kubelet.Cri.Api;

namespace Orchestrator.Kubelet.CriRuntime;

/// <summary>
/// upstream's image manager over CRI ImageService: imagePullPolicy Never / IfNotPresent / Always,
/// pull failures as ErrImagePull then ImagePullBackOff while the back-off (10 s doubling to 5 min,
/// per pod and image) runs, and the Pulling / Pulled / Failed / BackOff events.
/// </summary>
public sealed class CriImageEnsurer(CriClient cri, IEventRecorder events, TimeProvider time) : IImageEnsurer
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (TimeSpan Delay, DateTimeOffset Failed, string Error)> _backoff = new();

    public async Task<ImageEnsureResult> EnsureAsync(V1Pod pod, V1Container container, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(container);
        var image = container.Image;
        if (string.IsNullOrWhiteSpace(image))
        {
            return new ImageEnsureResult(null, "InvalidImageName", "image name is empty");
        }

        var present = await PresentAsync(image, ct);
        var policy = container.ImagePullPolicy ?? DefaultPolicy(image);
        if (present is not null && policy != "Always")
        {
            events.Record(pod, "Normal", "Pulled", $"Container image \"{image}\" already present on machine");
            return new ImageEnsureResult(present);
        }

        if (policy == "Never")
        {
            var message = $"Container image \"{image}\" is not present with pull policy of Never";
            events.Record(pod, "Warning", "ErrImageNeverPull", message);
            return new ImageEnsureResult(null, "ErrImageNeverPull", message, TimeSpan.FromSeconds(10));
        }

        var key = pod.Metadata.Uid + "/" + image;
        var now = time.GetUtcNow();
        if (_backoff.TryGetValue(key, out var entry) && now - entry.Failed < entry.Delay)
        {
            events.Record(pod, "Normal", "BackOff", $"Back-off pulling image \"{image}\"");
            return new ImageEnsureResult(null, "ImagePullBackOff", $"Back-off pulling image \"{image}\": {entry.Error}", entry.Delay - (now - entry.Failed));
        }

        events.Record(pod, "Normal", "Pulling", $"Pulling image \"{image}\"");
        var clock = Stopwatch.StartNew();
        try
        {
            var pulled = await cri.Images.PullImageAsync(new PullImageRequest { Image = new ImageSpec { Image = image } }, cancellationToken: ct);
            _backoff.TryRemove(key, out _);
            var seconds = clock.Elapsed.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            events.Record(pod, "Normal", "Pulled", $"Successfully pulled image \"{image}\" in {seconds}s");
            return new ImageEnsureResult(pulled.ImageRef);
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled)
        {
            var delay = entry.Delay == TimeSpan.Zero ? Initial : entry.Delay * 2 > Max ? Max : entry.Delay * 2;
            var error = $"failed to pull and unpack image \"{image}\": {e.Status.Detail}";
            _backoff[key] = (delay, time.GetUtcNow(), error);
            events.Record(pod, "Warning", "Failed", $"Failed to pull image \"{image}\": {e.Status.Detail}");
            events.Record(pod, "Warning", "Failed", "Error: ErrImagePull");
            return new ImageEnsureResult(null, "ErrImagePull", error, TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Forgets a pod's pull back-offs (the pod is gone).</summary>
    public void Forget(string podUid)
    {
        foreach (var key in _backoff.Keys.Where(k => k.StartsWith(podUid + "/", StringComparison.Ordinal)))
        {
            _backoff.TryRemove(key, out _);
        }
    }

    /// <summary>upstream's default when the field is unset: Always for `:latest` or no tag, else IfNotPresent.</summary>
    internal static string DefaultPolicy(string image)
    {
        var name = image.Split('@')[0];
        var slash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        var tag = colon > slash ? name[(colon + 1)..] : null;
        return image.Contains('@', StringComparison.Ordinal) ? "IfNotPresent" : tag is null or "latest" ? "Always" : "IfNotPresent";
    }

    private async Task<string?> PresentAsync(string image, CancellationToken ct)
    {
        var status = await cri.Images.ImageStatusAsync(new ImageStatusRequest { Image = new ImageSpec { Image = image } }, cancellationToken: ct);
        return status.Image is { Id.Length: > 0 } found ? found.Id : null;
    }
}
