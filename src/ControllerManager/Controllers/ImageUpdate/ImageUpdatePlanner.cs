using Orchestrator.ApiMachinery.Images;

namespace Orchestrator.ControllerManager.Controllers.ImageUpdate;

/// <summary>
/// Pure decisions of the image-update controller: which images of a pod template it follows (<see cref="TagOf"/>),
/// which containers get which new image given what each tag points at now (<see cref="Compute"/>), and how long
/// to wait after failures (<see cref="Backoff"/>).
/// </summary>
internal static class ImageUpdatePlanner
{
    /// <summary>The annotation that turns the controller on for a workload, and its one supported value.</summary>
    public const string Annotation = "orchestrator.dev/image-update";

    public const string DigestPolicy = "digest";

    /// <summary>
    /// The <c>repo:tag</c> the controller asks the registry about for <paramref name="image"/>, or null (with the
    /// reason) for an image it cannot follow: not a valid reference, or a digest with no tag.
    /// </summary>
    public static string? TagOf(string image, out string? reason)
    {
        if (!ImageName.TryParse(image, out var name, out var error))
        {
            reason = error;
            return null;
        }

        if (name.Tag is null)
        {
            reason = $"image {image} names a digest and no tag: there is nothing to follow";
            return null;
        }

        reason = null;
        return ImageName.WithoutDigest(image);
    }

    /// <param name="containers">The pod template's containers and init containers.</param>
    /// <param name="current">What each followed <c>repo:tag</c> points at now; a tag missing here (not checked or failed) changes nothing.</param>
    public static ImageUpdatePlan Compute(IReadOnlyList<ContainerImage> containers, IReadOnlyDictionary<string, string> current)
    {
        var changes = new List<ImageChange>();
        var unfollowable = new List<string>();
        foreach (var container in containers)
        {
            if (TagOf(container.Image, out var reason) is not { } tag)
            {
                unfollowable.Add($"container {container.Name}: {reason}");
                continue;
            }

            if (!current.TryGetValue(tag, out var digest))
            {
                continue;
            }

            var old = ImageName.Parse(container.Image).Digest;
            if (old != digest)
            {
                changes.Add(new ImageChange(container, ImageName.WithDigest(container.Image, digest), old, digest));
            }
        }

        return new ImageUpdatePlan(changes, unfollowable);
    }

    /// <summary>
    /// The wait before checking an image again after <paramref name="failures"/> failures in a row: the interval
    /// doubled per failure after the first, capped at <paramref name="max"/>.
    /// </summary>
    public static TimeSpan Backoff(TimeSpan interval, TimeSpan max, int failures)
    {
        if (failures <= 0)
        {
            return interval;
        }

        var exponent = Math.Min(failures - 1, 30);
        var ticks = interval.Ticks * Math.Pow(2, exponent);
        return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
    }
}
