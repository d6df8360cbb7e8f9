using Orchestrator.ApiMachinery.Text;

namespace Orchestrator.Kubelet.Images;

/// <summary>
/// Makes a container's image present before the container is created, as upstream's
/// pkg/kubelet/images/image_manager.go: applies the default tag, asks CRI ImageStatus, decides by the
/// container's imagePullPolicy (Never / IfNotPresent / Always; the API server defaults it, an empty one
/// gets upstream's default), pulls through CRI PullImage with a per pod+image back-off (10 s doubling
/// to 5 min), and records upstream's events on the pod. While in back-off the Waiting message carries the
/// last pull error (<c>Back-off pulling image "x": ErrImagePull: …</c>), as upstream's prevPullErrMsg.
/// imagePullSecrets are not sent: no credentials. Thread-safe.
/// </summary>
internal sealed partial class ImageManager(ImageService.ImageServiceClient images, IEventRecorder events, KeyedBackoff backoff, ILogger<ImageManager> logger) : IImageEnsurer
{
    /// <summary>How soon a pod worker retries after ErrImagePull, to report ImagePullBackOff while the back-off runs.</summary>
    public static readonly TimeSpan RetryAfterPullError = TimeSpan.FromSeconds(1);

    /// <summary>How soon a pod worker retries a Never image that is absent (it may be imported meanwhile).</summary>
    public static readonly TimeSpan RetryNeverPull = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, string> _lastPullError = new(StringComparer.Ordinal);

    public Task<ImageEnsureResult> EnsureAsync(V1Pod pod, V1Container container, CancellationToken ct) => EnsureImageAsync(pod, container, ct);

    /// <summary>Ensures <paramref name="container"/>'s image; the result is its image ref or a Waiting reason + message and when to retry.</summary>
    public async Task<ImageEnsureResult> EnsureImageAsync(V1Pod pod, V1Container container, CancellationToken cancellationToken, PodSandboxConfig? sandboxConfig = null)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(container);
        if (ImageReference.ApplyDefaultTag(container.Image) is not { } image)
        {
            var invalid = $"Failed to apply default image tag \"{container.Image}\": couldn't parse image name \"{container.Image}\": invalid reference format";
            Warn(pod, "InspectFailed", invalid);
            return new ImageEnsureResult(null, ImagePullReasons.InvalidImageName, invalid);
        }

        var spec = new ImageSpec { Image = image };
        string? present;
        try
        {
            var status = await images.ImageStatusAsync(new ImageStatusRequest { Image = spec }, cancellationToken: cancellationToken);
            present = string.IsNullOrEmpty(status.Image?.Id) ? null : status.Image.Id;
        }
        catch (RpcException error)
        {
            var inspect = $"Failed to inspect image \"{image}\": {Describe(error)}";
            Warn(pod, "InspectFailed", inspect);
            return new ImageEnsureResult(null, ImagePullReasons.ImageInspectError, inspect);
        }

        var policy = string.IsNullOrEmpty(container.ImagePullPolicy) ? ImageReference.DefaultPullPolicy(container.Image!) : container.ImagePullPolicy;
        if (!ShouldPull(policy, present is not null))
        {
            if (present is not null)
            {
                events.Record(pod, "Normal", "Pulled", $"Container image \"{image}\" already present on machine");
                return new ImageEnsureResult(present);
            }

            var never = $"Container image \"{image}\" is not present with pull policy of Never";
            Warn(pod, ImagePullReasons.ErrImageNeverPull, never);
            return new ImageEnsureResult(null, ImagePullReasons.ErrImageNeverPull, never, RetryNeverPull);
        }

        var key = $"{pod.Metadata.Uid}_{image}";
        if (backoff.IsInBackOffSinceUpdate(key))
        {
            var message = $"Back-off pulling image \"{image}\"";
            events.Record(pod, "Normal", "BackOff", message);
            var waiting = _lastPullError.TryGetValue(key, out var last) ? $"{message}: {last}" : message;
            return new ImageEnsureResult(null, ImagePullReasons.ImagePullBackOff, waiting, backoff.Remaining(key));
        }

        return await PullAsync(pod, spec, key, sandboxConfig, cancellationToken);
    }

    /// <summary>Upstream's shouldPullImage.</summary>
    public static bool ShouldPull(string policy, bool present) => policy switch
    {
        "Never" => false,
        "Always" => true,
        "IfNotPresent" => !present,
        _ => throw new ArgumentException($"unsupported imagePullPolicy \"{policy}\" (want Always, IfNotPresent or Never)", nameof(policy)),
    };

    private async Task<ImageEnsureResult> PullAsync(V1Pod pod, ImageSpec spec, string key, PodSandboxConfig? sandboxConfig, CancellationToken cancellationToken)
    {
        var image = spec.Image;
        events.Record(pod, "Normal", "Pulling", $"Pulling image \"{image}\"");
        var started = backoff.Time.GetTimestamp();
        string imageRef;
        try
        {
            var request = new PullImageRequest { Image = spec, SandboxConfig = sandboxConfig };
            imageRef = (await images.PullImageAsync(request, cancellationToken: cancellationToken)).ImageRef;
        }
        catch (RpcException error) when (!cancellationToken.IsCancellationRequested)
        {
            Warn(pod, "Failed", $"Failed to pull image \"{image}\": {Describe(error)}");
            backoff.Next(key, backoff.Time.GetUtcNow());
            _lastPullError[key] = $"{ImagePullReasons.ErrImagePull}: {Describe(error)}";
            return new ImageEnsureResult(null, ImagePullReasons.ErrImagePull, Describe(error), RetryAfterPullError);
        }

        var pulled = backoff.Time.GetElapsedTime(started);
        var size = await SizeAsync(imageRef, cancellationToken);
        events.Record(pod, "Normal", "Pulled",
            $"Successfully pulled image \"{image}\" in {GoDuration.Format(GoDuration.Truncate(pulled, TimeSpan.FromMilliseconds(1)))} ({GoDuration.Format(GoDuration.Truncate(backoff.Time.GetElapsedTime(started), TimeSpan.FromMilliseconds(1)))} including waiting). Image size: {size} bytes.");
        LogPulled(logger, image, imageRef, pulled.TotalMilliseconds);
        _lastPullError.TryRemove(key, out _);
        backoff.GC();
        return new ImageEnsureResult(imageRef);
    }

    private async Task<ulong> SizeAsync(string imageRef, CancellationToken cancellationToken)
    {
        try
        {
            var status = await images.ImageStatusAsync(new ImageStatusRequest { Image = new ImageSpec { Image = imageRef } }, cancellationToken: cancellationToken);
            return status.Image?.Size ?? 0;
        }
        catch (RpcException)
        {
            // The size only decorates the event; upstream ignores this error too.
            return 0;
        }
    }

    /// <summary>A gRPC error as Go's status error prints: <c>rpc error: code = NotFound desc = …</c>.</summary>
    private static string Describe(RpcException error) => $"rpc error: code = {error.StatusCode} desc = {error.Status.Detail}";

    private void Warn(V1Pod pod, string reason, string message)
    {
        events.Record(pod, "Warning", reason, message);
        LogWarning(logger, pod.Metadata.NamespaceProperty, pod.Metadata.Name, reason, message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulled image {Image} as {ImageRef} in {Milliseconds} ms")]
    private static partial void LogPulled(ILogger logger, string image, string imageRef, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pod {Namespace}/{Pod}: {Reason}: {Message}")]
    private static partial void LogWarning(ILogger logger, string @namespace, string pod, string reason, string message);
}
