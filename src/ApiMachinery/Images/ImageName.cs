using System.Diagnostics.CodeAnalysis;

namespace Orchestrator.ApiMachinery.Images;

/// <summary>
/// An image reference split as distribution's <c>reference.ParseNormalizedNamed</c> splits it: a first path
/// component with a <c>.</c> or <c>:</c>, or <c>localhost</c>, is the registry host, otherwise the image is on
/// Docker Hub (<c>docker.io</c>, single names under <c>library/</c>); <c>:tag</c> after the last <c>/</c>;
/// <c>@algorithm:hex</c> last. <c>busybox</c> is <c>docker.io/library/busybox:latest</c>.
/// </summary>
/// <param name="Domain">The registry as references name it: <c>docker.io</c> or <c>host[:port]</c>.</param>
/// <param name="Repository">The repository path, e.g. <c>library/busybox</c>.</param>
/// <param name="Tag">The tag; <c>latest</c> when neither tag nor digest is written; null with a digest only.</param>
/// <param name="Digest">The digest (<c>sha256:…</c>) or null.</param>
public sealed partial record ImageName(string Domain, string Repository, string? Tag, string? Digest)
{
    /// <summary>Docker Hub's name in references.</summary>
    public const string DockerHubDomain = "docker.io";

    /// <summary>The host Docker Hub's registry API answers on (as containerd's docker resolver maps <c>docker.io</c>).</summary>
    public const string DockerHubRegistryHost = "registry-1.docker.io";

    /// <summary>The host (and port) to send registry API requests to.</summary>
    public string RegistryHost => Domain == DockerHubDomain ? DockerHubRegistryHost : Domain;

    /// <summary>What <c>/v2/&lt;repository&gt;/manifests/&lt;reference&gt;</c> takes: the digest if any, else the tag.</summary>
    public string Reference => Digest ?? Tag!;

    /// <summary>The fully qualified reference: <c>docker.io/library/busybox:latest</c>.</summary>
    public override string ToString() => $"{Domain}/{Repository}{(Tag is null ? "" : ":" + Tag)}{(Digest is null ? "" : "@" + Digest)}";

    /// <summary>Parses <paramref name="image"/>; throws <see cref="FormatException"/> with the reason when it is not a valid reference.</summary>
    public static ImageName Parse(string image) =>
        TryParse(image, out var name, out var error) ? name : throw new FormatException(error);

    /// <summary>Parses <paramref name="image"/>, or says why it is not a valid reference.</summary>
    public static bool TryParse(string? image, [NotNullWhen(true)] out ImageName? name, [NotNullWhen(false)] out string? error)
    {
        name = null;
        if (string.IsNullOrEmpty(image))
        {
            error = "image reference is empty";
            return false;
        }

        var rest = image;
        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!DigestPattern().IsMatch(digest))
            {
                error = $"invalid reference format: \"{image}\": digest \"{digest}\" is not algorithm:hex (sha256 has 64 hex digits)";
                return false;
            }
        }

        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag))
            {
                error = $"invalid reference format: \"{image}\": tag \"{tag}\" is not [A-Za-z0-9_][A-Za-z0-9_.-]{{0,127}}";
                return false;
            }
        }

        var domain = DockerHubDomain;
        var repository = rest;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            var first = rest[..slash];
            if (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost")
            {
                domain = first;
                repository = rest[(slash + 1)..];
            }
        }

        if (domain == "index.docker.io")
        {
            domain = DockerHubDomain;
        }

        if (domain == DockerHubDomain && !repository.Contains('/', StringComparison.Ordinal))
        {
            repository = "library/" + repository;
        }

        if (!RepositoryPattern().IsMatch(repository))
        {
            error = $"invalid reference format: \"{image}\": repository \"{repository}\" must be lowercase path components of [a-z0-9] separated by '.', '_', '__' or '-'";
            return false;
        }

        if (!DomainPattern().IsMatch(domain))
        {
            error = $"invalid reference format: \"{image}\": registry host \"{domain}\" is not host[:port]";
            return false;
        }

        name = new ImageName(domain, repository, tag ?? (digest is null ? "latest" : null), digest);
        error = null;
        return true;
    }

    /// <summary>
    /// <paramref name="image"/> as written, with its digest (if any) replaced by <paramref name="digest"/>:
    /// <c>app:v1</c> → <c>app:v1@sha256:…</c>. The name and tag keep the user's spelling.
    /// </summary>
    public static string WithDigest(string image, string digest)
    {
        ArgumentNullException.ThrowIfNull(image);
        var at = image.IndexOf('@', StringComparison.Ordinal);
        return (at >= 0 ? image[..at] : image) + "@" + digest;
    }

    /// <summary><paramref name="image"/> as written without its <c>@digest</c>.</summary>
    public static string WithoutDigest(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var at = image.IndexOf('@', StringComparison.Ordinal);
        return at >= 0 ? image[..at] : image;
    }

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128}|[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,})$", RegexOptions.CultureInvariant)]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DomainPattern();
}
