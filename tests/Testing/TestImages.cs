using System.IO.Compression;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.ApiMachinery.Images;

namespace Orchestrator.Testing;

/// <summary>
/// Pushes small fake images to a registry (a <see cref="RegistryProcess"/>) over the distribution API: a single
/// manifest whose config blob names a platform, or an image index whose entries name given platforms, each with
/// a tiny gzip layer. <paramref name="seed"/>-like content makes every push distinct, so pushing again to a tag
/// moves it to a new digest. Nothing is pulled into containerd: the blobs are not runnable images.
/// </summary>
public sealed class TestImages : IDisposable
{
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

    private readonly HttpClient _http;
    private int _pushes;

    /// <param name="registry">The registry's base address, e.g. <see cref="RegistryProcess.BaseAddress"/>.</param>
    public TestImages(Uri registry)
    {
        _http = new HttpClient { BaseAddress = registry, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>Pushes one single-platform manifest as <c>repository:tag</c>; returns its digest.</summary>
    public async Task<string> PushManifestAsync(string repository, string tag, ImagePlatform platform, string mediaType = OciManifest, CancellationToken cancellationToken = default)
    {
        var (body, _) = await UploadManifestContentAsync(repository, platform, mediaType, cancellationToken);
        return await PutManifestAsync(repository, tag, body, mediaType, cancellationToken);
    }

    /// <summary>Pushes an index (or Docker manifest list) with one entry per platform as <c>repository:tag</c>; returns the index digest.</summary>
    public async Task<string> PushIndexAsync(string repository, string tag, IEnumerable<ImagePlatform> platforms, string mediaType = OciIndex, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(platforms);
        var entryType = mediaType == DockerManifestList ? DockerManifest : OciManifest;
        var entries = new JsonArray();
        foreach (var platform in platforms)
        {
            var (body, digest) = await UploadManifestContentAsync(repository, platform, entryType, cancellationToken);
            await PutManifestAsync(repository, digest, body, entryType, cancellationToken);
            entries.Add(new JsonObject
            {
                ["mediaType"] = entryType,
                ["digest"] = digest,
                ["size"] = body.Length,
                ["platform"] = PlatformJson(platform),
            });
        }

        var index = new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = mediaType, ["manifests"] = entries };
        return await PutManifestAsync(repository, tag, Encoding.UTF8.GetBytes(index.ToJsonString()), mediaType, cancellationToken);
    }

    /// <summary>Moves <c>repository:tag</c> to a new single-platform manifest (linux/amd64 unless given); returns the new digest.</summary>
    public Task<string> MoveTagAsync(string repository, string tag, ImagePlatform? platform = null, CancellationToken cancellationToken = default) =>
        PushManifestAsync(repository, tag, platform ?? new ImagePlatform("linux", "amd64"), OciManifest, cancellationToken);

    public void Dispose() => _http.Dispose();

    /// <summary>The digest of <paramref name="content"/> as registries name it.</summary>
    public static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    private static JsonObject PlatformJson(ImagePlatform platform)
    {
        var json = new JsonObject { ["architecture"] = platform.Architecture, ["os"] = platform.Os };
        if (platform.Variant is not null)
        {
            json["variant"] = platform.Variant;
        }

        if (platform.OsVersion is not null)
        {
            json["os.version"] = platform.OsVersion;
        }

        if (platform.OsFeatures is { Count: > 0 } features)
        {
            json["os.features"] = new JsonArray(features.Select(f => (JsonNode)JsonValue.Create(f)).ToArray());
        }

        return json;
    }

    private async Task<(byte[] Body, string Digest)> UploadManifestContentAsync(string repository, ImagePlatform platform, string mediaType, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _pushes);
        var uncompressed = Encoding.UTF8.GetBytes($"fake layer {n} {Guid.NewGuid()} {platform}");
        using var gz = new MemoryStream();
        await using (var zip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
        {
            await zip.WriteAsync(uncompressed, cancellationToken);
        }

        var layer = gz.ToArray();
        var config = PlatformJson(platform);
        config["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray(Digest(uncompressed)) };
        config["config"] = new JsonObject();
        var configBytes = Encoding.UTF8.GetBytes(config.ToJsonString());
        await UploadBlobAsync(repository, configBytes, cancellationToken);
        await UploadBlobAsync(repository, layer, cancellationToken);
        var docker = mediaType == DockerManifest;
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = mediaType,
            ["config"] = new JsonObject
            {
                ["mediaType"] = docker ? "application/vnd.docker.container.image.v1+json" : "application/vnd.oci.image.config.v1+json",
                ["digest"] = Digest(configBytes),
                ["size"] = configBytes.Length,
            },
            ["layers"] = new JsonArray(new JsonObject
            {
                ["mediaType"] = docker ? "application/vnd.docker.image.rootfs.diff.tar.gzip" : "application/vnd.oci.image.layer.v1.tar+gzip",
                ["digest"] = Digest(layer),
                ["size"] = layer.Length,
            }),
        };
        var body = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        return (body, Digest(body));
    }

    private async Task UploadBlobAsync(string repository, byte[] content, CancellationToken cancellationToken)
    {
        using var start = await _http.PostAsync(new Uri($"/v2/{repository}/blobs/uploads/", UriKind.Relative), null, cancellationToken);
        await EnsureAsync(start, "start blob upload", cancellationToken);
        var location = start.Headers.Location ?? throw new InvalidOperationException("blob upload answered no Location");
        var uri = location.IsAbsoluteUri ? location : new Uri(_http.BaseAddress!, location);
        var separator = uri.Query.Length > 0 ? "&" : "?";
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var put = await _http.PutAsync(new Uri(uri + separator + "digest=" + Uri.EscapeDataString(Digest(content))), body, cancellationToken);
        await EnsureAsync(put, "finish blob upload", cancellationToken);
    }

    private async Task<string> PutManifestAsync(string repository, string reference, byte[] manifest, string mediaType, CancellationToken cancellationToken)
    {
        using var body = new ByteArrayContent(manifest);
        body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var put = await _http.PutAsync(new Uri($"/v2/{repository}/manifests/{reference}", UriKind.Relative), body, cancellationToken);
        await EnsureAsync(put, $"put manifest {repository}:{reference}", cancellationToken);
        return Digest(manifest);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {response.StatusCode}: {text}");
        }
    }
}
