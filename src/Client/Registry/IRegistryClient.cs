using Orchestrator.ApiMachinery.Images;

namespace Orchestrator.Client.Registry;

/// <summary>
/// Reads manifests from an image registry over the OCI distribution API (Docker Registry HTTP API v2): what a
/// tag points at now and which platforms an image runs on. Anonymous, or with a credential from a pod's
/// imagePullSecrets (basic, or the bearer-token flow a <c>WWW-Authenticate: Bearer</c> challenge asks for).
/// Used by the scheduler's image-platform plugin and the image-update controller; the one implementation is
/// <c>RegistryClient</c> beside this file. Thread-safe.
/// </summary>
public interface IRegistryClient
{
    /// <summary>
    /// <c>HEAD /v2/&lt;repository&gt;/manifests/&lt;tag or digest&gt;</c> with the manifest and index media types in
    /// <c>Accept</c>: the digest the reference points at now (<c>Docker-Content-Digest</c>) and the <c>ETag</c>.
    /// With <paramref name="ifNoneMatch"/> (an earlier answer's ETag) a 304 gives <see cref="ManifestHeadStatus.NotModified"/>.
    /// </summary>
    /// <exception cref="RegistryException">The registry could not be reached or answered an error other than 404.</exception>
    Task<ManifestHead> HeadManifestAsync(string image, RegistryCredential? credential, string? ifNoneMatch, CancellationToken cancellationToken);

    /// <summary>
    /// The platforms <paramref name="image"/> (by tag or digest) runs on: every entry of an image index or manifest
    /// list, or, for a single manifest, the platform in its config blob. Null when the registry says the image does
    /// not exist (404).
    /// </summary>
    /// <exception cref="RegistryException">The registry could not be reached or answered an error other than 404.</exception>
    Task<ImagePlatforms?> GetPlatformsAsync(string image, RegistryCredential? credential, CancellationToken cancellationToken);
}

/// <summary>Whether a manifest HEAD found the reference, found it unchanged since an ETag, or not at all.</summary>
public enum ManifestHeadStatus
{
    Found,
    NotModified,
    NotFound,
}

/// <summary>What a manifest HEAD answered: the digest the reference points at (null for 304 and 404) and the ETag.</summary>
public sealed record ManifestHead(ManifestHeadStatus Status, string? Digest, string? ETag);

/// <summary>The digest of the manifest or index read, and the platforms it lists.</summary>
public sealed record ImagePlatforms(string Digest, IReadOnlyList<ImagePlatform> Platforms);

/// <summary>A user name and password (or identity token) for one registry, from a <c>.dockerconfigjson</c> Secret.</summary>
public sealed record RegistryCredential(string Username, string Password);

/// <summary>A registry that could not be reached, or answered an error (401/403/5xx, a body that is not a manifest).</summary>
public sealed class RegistryException : Exception
{
    public RegistryException()
    {
    }

    public RegistryException(string message)
        : base(message)
    {
    }

    public RegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
