namespace Orchestrator.Kubelet.Images;

/// <summary>The container Waiting reasons of image handling (upstream pkg/kubelet/images/types.go).</summary>
internal static class ImagePullReasons
{
    public const string ErrImagePull = "ErrImagePull";
    public const string ImagePullBackOff = "ImagePullBackOff";
    public const string ErrImageNeverPull = "ErrImageNeverPull";
    public const string ImageInspectError = "ImageInspectError";
    public const string InvalidImageName = "InvalidImageName";
}
