namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>
/// Makes a container's image present per its pull policy (upstream's ImageManager.EnsureImageExists),
/// recording Pulling/Pulled/Failed/BackOff events. Thread-safe.
/// </summary>
internal interface IImageEnsurer
{
    Task<ImageEnsureResult> EnsureAsync(V1Pod pod, V1Container container, CancellationToken ct);
}

/// <summary>The image reference to create the container from, or why not (ErrImagePull, ImagePullBackOff, ErrImageNeverPull, InvalidImageName) and when to try again.</summary>
internal sealed record ImageEnsureResult(string? ImageRef, string? Reason = null, string? Message = null, TimeSpan? RetryIn = null);
