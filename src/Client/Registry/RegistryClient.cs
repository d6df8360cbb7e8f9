using System.Collections.Concurrent;
using System.Security.Cryptography;
using Orchestrator.ApiMachinery.Images;

namespace Orchestrator.Client.Registry;

/// <summary>
/// <see cref="IRegistryClient"/> over HTTP: plain HTTP to <c>localhost</c> and loopback registries (and
/// <see cref="RegistryClientOptions.PlainHttpHosts"/>), HTTPS to every other, as containerd's defaults; each
/// exchange bounded by <see cref="RegistryClientOptions.RequestTimeout"/> and its body by a size limit. Auth is in
/// <c>RegistryClient.Auth.cs</c>. Thread-safe; dispose once.
/// </summary>
public sealed partial class RegistryClient : IRegistryClient, IDisposable
{
    private readonly HttpClient _http;
    private readonly RegistryClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<TokenKey, CachedToken> _tokens = new();
    private readonly ConcurrentDictionary<string, bool> _basicHosts = new(StringComparer.OrdinalIgnoreCase);

    public RegistryClient(RegistryClientOptions? options = null, TimeProvider? time = null)
        : this(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = (options ?? new()).RequestTimeout }, options, time)
    {
    }

    internal RegistryClient(HttpMessageHandler handler, RegistryClientOptions? options, TimeProvider? time)
    {
        _options = options ?? new RegistryClientOptions();
        _time = time ?? TimeProvider.System;
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<ManifestHead> HeadManifestAsync(string image, RegistryCredential? credential, string? ifNoneMatch, CancellationToken cancellationToken)
    {
        var name = ParseImage(image);
        var response = await SendAsync(name, HttpMethod.Head, ManifestPath(name, name.Reference), ManifestMediaTypes.All, credential, ifNoneMatch, 0, cancellationToken);
        switch (response.Status)
        {
            case HttpStatusCode.NotModified:
                return new ManifestHead(ManifestHeadStatus.NotModified, null, response.ETag ?? ifNoneMatch);
            case HttpStatusCode.NotFound:
                return new ManifestHead(ManifestHeadStatus.NotFound, null, null);
            case var _ when response.IsSuccess && response.Digest is not null:
                return new ManifestHead(ManifestHeadStatus.Found, response.Digest, response.ETag);
            case var _ when response.IsSuccess:
                // A registry that leaves Docker-Content-Digest out of HEAD: the digest is the hash of the body.
                var get = await GetManifestAsync(name, name.Reference, credential, cancellationToken);
                return get is null ? new ManifestHead(ManifestHeadStatus.NotFound, null, null) : new ManifestHead(ManifestHeadStatus.Found, get.Value.Digest, get.Value.ETag);
            default:
                throw Failure(name, "HEAD manifest", response);
        }
    }

    public async Task<ImagePlatforms?> GetPlatformsAsync(string image, RegistryCredential? credential, CancellationToken cancellationToken)
    {
        var name = ParseImage(image);
        var manifest = await GetManifestAsync(name, name.Reference, credential, cancellationToken);
        if (manifest is null)
        {
            return null;
        }

        var (digest, _, document) = manifest.Value;
        if (document.IndexPlatforms is { } platforms)
        {
            return new ImagePlatforms(digest, platforms);
        }

        var configDigest = document.ConfigDigest!;
        var config = await SendAsync(name, HttpMethod.Get, $"/v2/{name.Repository}/blobs/{configDigest}", ["application/vnd.oci.image.config.v1+json", "application/vnd.docker.container.image.v1+json", "*/*"], credential, null, _options.MaxConfigBytes, cancellationToken);
        if (!config.IsSuccess)
        {
            throw Failure(name, $"GET config blob {configDigest}", config);
        }

        Verify(name, configDigest, config.Body);
        return new ImagePlatforms(digest, [ManifestDocument.ParseConfig(config.Body)]);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Whether requests to <paramref name="host"/> go over plain HTTP: localhost, loopback IPs and the configured hosts.</summary>
    internal bool IsPlainHttp(string host)
    {
        if (_options.PlainHttpHosts.Contains(host))
        {
            return true;
        }

        var colon = host.LastIndexOf(':');
        var name = colon > host.LastIndexOf(']') ? host[..colon] : host;
        name = name.Trim('[', ']');
        return string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address));
    }

    private static ImageName ParseImage(string image) =>
        ImageName.TryParse(image, out var name, out var error) ? name : throw new RegistryException(error);

    private static string ManifestPath(ImageName name, string reference) => $"/v2/{name.Repository}/manifests/{reference}";

    private async Task<(string Digest, string? ETag, ManifestDocument Document)?> GetManifestAsync(ImageName name, string reference, RegistryCredential? credential, CancellationToken cancellationToken)
    {
        var response = await SendAsync(name, HttpMethod.Get, ManifestPath(name, reference), ManifestMediaTypes.All, credential, null, _options.MaxManifestBytes, cancellationToken);
        if (response.Status == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccess)
        {
            throw Failure(name, "GET manifest", response);
        }

        var computed = Sha256(response.Body);
        if (name.Digest is not null)
        {
            Verify(name, name.Digest, response.Body);
        }
        else if (response.Digest is not null && response.Digest.StartsWith("sha256:", StringComparison.Ordinal) && response.Digest != computed)
        {
            throw new RegistryException($"{name}: manifest body hashes to {computed}, not to the Docker-Content-Digest {response.Digest}");
        }

        return (name.Digest ?? response.Digest ?? computed, response.ETag, ManifestDocument.Parse(response.Body, response.ContentType));
    }

    private static void Verify(ImageName name, string digest, byte[] body)
    {
        // Only sha256 is checked; other algorithms are taken as the registry says.
        if (digest.StartsWith("sha256:", StringComparison.Ordinal) && Sha256(body) is var computed && computed != digest)
        {
            throw new RegistryException($"{name}: content of {digest} hashes to {computed}");
        }
    }

    private static string Sha256(byte[] body) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));

    private static RegistryException Failure(ImageName name, string what, RegistryResponse response)
    {
        var detail = RegistryErrors.Message(response.Body);
        return new RegistryException($"{what} {name}: registry {name.RegistryHost} answered {(int)response.Status} {response.Status}{(detail is null ? "" : ": " + detail)}");
    }
}
