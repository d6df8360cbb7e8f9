namespace Orchestrator.Kubelet.Images;

/// <summary>
/// The outcome of <see cref="ImageManager.EnsureImageAsync"/>: the image reference (CRI image ID) to create
/// the container from, or the container's Waiting reason (<see cref="ImagePullReasons"/>) and message.
/// </summary>
public sealed record ImagePullResult(string? ImageRef, string? Reason, string? Message)
{
    public bool Succeeded => ImageRef is not null;

    public static ImagePullResult Ready(string imageRef) => new(imageRef, null, null);

    public static ImagePullResult Waiting(string reason, string message) => new(null, reason, message);
}
