namespace Orchestrator.ControllerManager.Controllers.ImageUpdate;

/// <summary>
/// One container whose image is to be rewritten to <see cref="NewImage"/> (<c>repo:tag@sha256:new</c>).
/// <see cref="OldDigest"/> is null when the image had no digest yet (it is being pinned).
/// </summary>
internal sealed record ImageChange(ContainerImage Container, string NewImage, string? OldDigest, string NewDigest)
{
    public bool IsPin => OldDigest is null;

    /// <summary>The Event's reason: <c>ImagePinned</c> on first observation, <c>ImageUpdated</c> when the tag moved.</summary>
    public string Reason => IsPin ? "ImagePinned" : "ImageUpdated";

    public string Message => IsPin
        ? $"Pinned container {Container.Name} image {Container.Image} to {NewDigest}"
        : $"Updated container {Container.Name} image {ImageTag} from {OldDigest} to {NewDigest}";

    private string ImageTag => Orchestrator.ApiMachinery.Images.ImageName.WithoutDigest(Container.Image);
}
