using System.Formats.Tar;
using System.Text.Json.Nodes;

namespace Orchestrator.Kubelet.Images.Local;

/// <summary>
/// Writes images as one OCI image-layout tar (<c>oci-layout</c>, <c>index.json</c>, <c>blobs/sha256/…</c>), the
/// format <c>ctr images import</c> reads. Each manifest descriptor in the index carries the full reference in
/// <c>org.opencontainers.image.ref.name</c>, which ctr uses as the image name.
/// </summary>
public static class OciArchiveWriter
{
    public static void Write(Stream output, IReadOnlyList<OciImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        using var writer = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true);
        WriteFile(writer, "oci-layout", Encoding.UTF8.GetBytes("{\"imageLayoutVersion\":\"1.0.0\"}"));
        WriteFile(writer, "index.json", IndexJson(images));
        WriteDirectory(writer, "blobs/");
        WriteDirectory(writer, "blobs/sha256/");
        var blobs = images.SelectMany(i => i.Layers.Append(i.Config).Append(i.Manifest))
            .DistinctBy(b => b.Digest)
            .OrderBy(b => b.Digest, StringComparer.Ordinal);
        foreach (var blob in blobs)
        {
            WriteFile(writer, "blobs/sha256/" + blob.Hex, blob.Content);
        }
    }

    /// <summary>Writes the archive to <paramref name="path"/> (via a temp file and a rename).</summary>
    public static void WriteFile(string path, IReadOnlyList<OciImage> images)
    {
        var temp = path + ".tmp";
        using (var file = File.Create(temp))
        {
            Write(file, images);
        }

        File.Move(temp, path, overwrite: true);
    }

    public static byte[] IndexJson(IReadOnlyList<OciImage> images)
    {
        var manifests = new JsonArray();
        foreach (var image in images)
        {
            var descriptor = OciImageBuilder.Descriptor(image.Manifest);
            descriptor["platform"] = new JsonObject { ["architecture"] = OciImageBuilder.Architecture, ["os"] = "linux" };
            descriptor["annotations"] = new JsonObject { [OciMediaTypes.RefNameAnnotation] = image.Reference };
            manifests.Add(descriptor);
        }

        return OciImageBuilder.Json(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciMediaTypes.Index,
            ["manifests"] = manifests,
        });
    }

    private static void WriteFile(TarWriter writer, string name, byte[] content) =>
        writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = new MemoryStream(content),
            Mode = LayerEntry.FileMode,
            ModificationTime = OciImageBuilder.Epoch,
        });

    private static void WriteDirectory(TarWriter writer, string name) =>
        writer.WriteEntry(new UstarTarEntry(TarEntryType.Directory, name)
        {
            Mode = LayerEntry.DirectoryMode,
            ModificationTime = OciImageBuilder.Epoch,
        });
}
