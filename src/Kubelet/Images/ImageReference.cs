using System.Text.RegularExpressions;

namespace Orchestrator.Kubelet.Images;

/// <summary>Image reference rules the kubelet applies before asking the runtime (pure).</summary>
internal static partial class ImageReference
{
    /// <summary>
    /// Appends <c>:latest</c> when the reference has neither tag nor digest, keeping short names short
    /// (<c>busybox</c> → <c>busybox:latest</c>, not docker.io/library/…), as upstream's applyDefaultImageTag.
    /// Returns null for a reference that is not valid.
    /// </summary>
    public static string? ApplyDefaultTag(string? image)
    {
        if (image is null || !Valid().IsMatch(image))
        {
            return null;
        }

        return HasTagOrDigest(image) ? image : image + ":latest";
    }

    /// <summary>Upstream's default pull policy: Always for <c>:latest</c> or no tag, else IfNotPresent.</summary>
    public static string DefaultPullPolicy(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal))
        {
            return "IfNotPresent";
        }

        return !HasTagOrDigest(image) || image.EndsWith(":latest", StringComparison.Ordinal) ? "Always" : "IfNotPresent";
    }

    private static bool HasTagOrDigest(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal))
        {
            return true;
        }

        var lastPart = image[(image.LastIndexOf('/') + 1)..];
        return lastPart.Contains(':', StringComparison.Ordinal);
    }

    // [host[:port]/]path[:tag][@algo:hex] — the distribution reference grammar, lower-case path components.
    [GeneratedRegex(@"^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$")]
    private static partial Regex Valid();
}
