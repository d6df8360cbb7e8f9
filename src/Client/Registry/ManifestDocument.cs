using System.Text.Json;
using Orchestrator.ApiMachinery.Images;

namespace Orchestrator.Client.Registry;

/// <summary>
/// A manifest body read: an index (its entries' platforms) or a single manifest (its config blob's digest).
/// Index entries without a platform, and buildx attestation entries (<c>vnd.docker.reference.type:
/// attestation-manifest</c>, platform <c>unknown/unknown</c>), name no platform the image runs on and are skipped.
/// </summary>
internal sealed record ManifestDocument(IReadOnlyList<ImagePlatform>? IndexPlatforms, string? ConfigDigest)
{
    /// <summary>Reads a manifest of <paramref name="contentType"/> (or, when the header is generic, the body's <c>mediaType</c>).</summary>
    public static ManifestDocument Parse(ReadOnlyMemory<byte> body, string? contentType)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException error)
        {
            throw new RegistryException($"manifest is not JSON: {error.Message}", error);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new RegistryException("manifest is not a JSON object");
            }

            var mediaType = ManifestMediaTypes.IsIndex(contentType) || ManifestMediaTypes.IsManifest(contentType) ? contentType : String(root, "mediaType");
            if (mediaType is null)
            {
                // An OCI manifest may leave mediaType out: its shape tells.
                mediaType = root.TryGetProperty("manifests", out _) ? ManifestMediaTypes.OciIndex : root.TryGetProperty("config", out _) ? ManifestMediaTypes.OciManifest : null;
            }

            if (ManifestMediaTypes.IsIndex(mediaType))
            {
                return new ManifestDocument(IndexEntries(root), null);
            }

            if (ManifestMediaTypes.IsManifest(mediaType))
            {
                var digest = root.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object ? String(config, "digest") : null;
                return digest is null
                    ? throw new RegistryException("image manifest has no config.digest")
                    : new ManifestDocument(null, digest);
            }

            throw new RegistryException($"unsupported manifest media type \"{mediaType ?? contentType}\" (supported: {string.Join(", ", ManifestMediaTypes.All)})");
        }
    }

    /// <summary>The platform an image config blob names (<c>os</c>, <c>architecture</c>, <c>variant</c>, <c>os.version</c>, <c>os.features</c>).</summary>
    public static ImagePlatform ParseConfig(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var platform = document.RootElement.ValueKind == JsonValueKind.Object ? Platform(document.RootElement) : null;
            return platform ?? throw new RegistryException("image config has no os and architecture");
        }
        catch (JsonException error)
        {
            throw new RegistryException($"image config is not JSON: {error.Message}", error);
        }
    }

    private static List<ImagePlatform> IndexEntries(JsonElement root)
    {
        if (!root.TryGetProperty("manifests", out var manifests) || manifests.ValueKind != JsonValueKind.Array)
        {
            throw new RegistryException("image index has no manifests array");
        }

        var platforms = new List<ImagePlatform>();
        foreach (var entry in manifests.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object
                || (entry.TryGetProperty("annotations", out var annotations) && annotations.ValueKind == JsonValueKind.Object
                    && String(annotations, "vnd.docker.reference.type") == "attestation-manifest"))
            {
                continue;
            }

            if (entry.TryGetProperty("platform", out var platform) && platform.ValueKind == JsonValueKind.Object && Platform(platform) is { } found)
            {
                platforms.Add(found);
            }
        }

        return platforms;
    }

    private static ImagePlatform? Platform(JsonElement element)
    {
        var os = String(element, "os");
        var architecture = String(element, "architecture");
        if (string.IsNullOrEmpty(os) || string.IsNullOrEmpty(architecture))
        {
            return null;
        }

        var features = new List<string>();
        if (element.TryGetProperty("os.features", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            features.AddRange(list.EnumerateArray().Where(f => f.ValueKind == JsonValueKind.String).Select(f => f.GetString()!));
        }

        return new ImagePlatform(os, architecture, String(element, "variant"), String(element, "os.version"), features);
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
