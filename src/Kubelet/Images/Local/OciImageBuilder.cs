using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Orchestrator.Kubelet.Images.Local;

/// <summary>
/// Builds a one-layer OCI image from an <see cref="OciImageSpec"/>, deterministically: entries sorted by path,
/// owner root, every timestamp <see cref="Epoch"/>, so the same inputs always give the same digests.
/// The config's <c>rootfs.diff_ids</c> hold the sha256 of the uncompressed layer tar; the manifest refers to
/// the gzip blob (OCI image-spec; cri-containerd.md §2b).
/// </summary>
internal static class OciImageBuilder
{
    /// <summary>The fixed time stamped on every layer entry and the image's <c>created</c> field.</summary>
    public static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static OciImage Build(OciImageSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var tar = LayerTar(spec.Layer);
        var layer = new OciBlob(OciMediaTypes.LayerGzip, Gzip(tar));
        var config = new OciBlob(OciMediaTypes.Config, Json(ConfigJson(spec, OciBlob.DigestOf(tar))));
        var manifest = new OciBlob(OciMediaTypes.Manifest, Json(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciMediaTypes.Manifest,
            ["config"] = Descriptor(config),
            ["layers"] = new JsonArray(Descriptor(layer)),
        }));
        return new OciImage(spec.Reference, manifest, config, [layer]);
    }

    /// <summary>The OCI architecture name of this machine (amd64, arm64).</summary>
    public static string Architecture => RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        var other => throw new PlatformNotSupportedException($"no OCI architecture name for {other}"),
    };

    /// <summary>A content descriptor (mediaType, digest, size) for <paramref name="blob"/>.</summary>
    public static JsonObject Descriptor(OciBlob blob) => new()
    {
        ["mediaType"] = blob.MediaType,
        ["digest"] = blob.Digest,
        ["size"] = blob.Size,
    };

    public static byte[] Json(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node);

    /// <summary>The uncompressed layer tar (ustar; paths relative, directories ending in '/').</summary>
    public static byte[] LayerTar(IReadOnlyList<LayerEntry> entries)
    {
        var duplicates = entries.GroupBy(e => e.Path.Trim('/')).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new ArgumentException($"layer has duplicate paths: {string.Join(", ", duplicates)}", nameof(entries));
        }

        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var entry in entries.OrderBy(e => e.Path.Trim('/'), StringComparer.Ordinal))
            {
                writer.WriteEntry(TarEntry(entry));
            }
        }

        return buffer.ToArray();
    }

    private static UstarTarEntry TarEntry(LayerEntry entry)
    {
        var name = entry.Path.Trim('/');
        if (name.Length == 0 || name.Split('/').Any(part => part is "" or "." or ".."))
        {
            throw new ArgumentException($"bad layer path '{entry.Path}'");
        }

        var tar = entry.Kind switch
        {
            LayerEntryKind.Directory => new UstarTarEntry(TarEntryType.Directory, name + "/"),
            LayerEntryKind.File => new UstarTarEntry(TarEntryType.RegularFile, name)
            {
                DataStream = new MemoryStream(entry.Content ?? throw new ArgumentException($"file '{entry.Path}' has no content")),
            },
            LayerEntryKind.Symlink => new UstarTarEntry(TarEntryType.SymbolicLink, name)
            {
                LinkName = entry.LinkTarget ?? throw new ArgumentException($"symlink '{entry.Path}' has no target"),
            },
            _ => throw new ArgumentException($"unknown entry kind {entry.Kind}"),
        };
        tar.Mode = entry.Mode;
        tar.ModificationTime = Epoch;
        tar.Uid = 0;
        tar.Gid = 0;
        tar.UserName = "root";
        tar.GroupName = "root";
        return tar;
    }

    private static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return buffer.ToArray();
    }

    private static JsonObject ConfigJson(OciImageSpec spec, string diffId)
    {
        var runtime = new JsonObject
        {
            ["Env"] = new JsonArray([.. spec.Env.Select(e => (JsonNode)e)]),
            ["WorkingDir"] = spec.WorkingDir,
        };
        if (spec.Entrypoint is { } entrypoint)
        {
            runtime["Entrypoint"] = new JsonArray([.. entrypoint.Select(e => (JsonNode)e)]);
        }

        if (spec.Cmd is { } cmd)
        {
            runtime["Cmd"] = new JsonArray([.. cmd.Select(c => (JsonNode)c)]);
        }

        var created = Epoch.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["created"] = created,
            ["architecture"] = Architecture,
            ["os"] = "linux",
            ["config"] = runtime,
            ["rootfs"] = new JsonObject
            {
                ["type"] = "layers",
                ["diff_ids"] = new JsonArray(diffId),
            },
            ["history"] = new JsonArray(new JsonObject { ["created"] = created, ["created_by"] = "orchestrator images build" }),
        };
    }
}
