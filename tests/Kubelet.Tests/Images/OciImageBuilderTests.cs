using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Orchestrator.Kubelet.Images;
using Orchestrator.Kubelet.Images.Local;

namespace Orchestrator.Kubelet.Tests.Images;

public sealed class OciImageBuilderTests
{
    private static readonly byte[] FakeBusybox = Encoding.UTF8.GetBytes("#!fake busybox");

    private static OciImage Busybox() => OciImageBuilder.Build(LocalImages.BusyboxSpec("localhost/busybox:1.35", FakeBusybox, ["busybox", "sh", "ls", "httpd"]));

    [Fact]
    public void Building_twice_gives_the_same_digests()
    {
        var first = Busybox();
        var second = Busybox();

        Assert.Equal(first.Digest, second.Digest);
        Assert.Equal(first.Config.Digest, second.Config.Digest);
        Assert.Equal(first.Layers[0].Content, second.Layers[0].Content);
    }

    [Fact]
    public void Manifest_refers_to_the_config_and_the_gzip_layer_and_diff_ids_to_the_uncompressed_tar()
    {
        var image = Busybox();
        using var manifest = JsonDocument.Parse(image.Manifest.Content);
        using var config = JsonDocument.Parse(image.Config.Content);
        var layer = manifest.RootElement.GetProperty("layers")[0];
        var uncompressed = Gunzip(image.Layers[0].Content);

        Assert.Equal(OciMediaTypes.Manifest, manifest.RootElement.GetProperty("mediaType").GetString());
        Assert.Equal(image.Config.Digest, manifest.RootElement.GetProperty("config").GetProperty("digest").GetString());
        Assert.Equal(image.Config.Size, manifest.RootElement.GetProperty("config").GetProperty("size").GetInt64());
        Assert.Equal(OciMediaTypes.LayerGzip, layer.GetProperty("mediaType").GetString());
        Assert.Equal(image.Layers[0].Digest, layer.GetProperty("digest").GetString());
        Assert.Equal(image.Layers[0].Size, layer.GetProperty("size").GetInt64());
        Assert.Equal(OciBlob.DigestOf(uncompressed), config.RootElement.GetProperty("rootfs").GetProperty("diff_ids")[0].GetString());
        Assert.Equal("linux", config.RootElement.GetProperty("os").GetString());
        Assert.Equal(["sh"], config.RootElement.GetProperty("config").GetProperty("Cmd").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Busybox_layer_has_applet_links_passwd_docroot_and_sticky_tmp()
    {
        var entries = ReadTar(Gunzip(Busybox().Layers[0].Content));

        Assert.Equal(
            ["bin/", "bin/busybox", "bin/httpd", "bin/ls", "bin/sh", "dev/", "etc/", "etc/group", "etc/passwd", "proc/", "root/", "sys/", "tmp/", "www/", "www/index.html"],
            entries.Keys);
        Assert.Equal("busybox", entries["bin/sh"].LinkName);
        Assert.Equal(TarEntryType.SymbolicLink, entries["bin/sh"].EntryType);
        Assert.Equal((UnixFileMode)0b111_111_111 | UnixFileMode.StickyBit, entries["tmp/"].Mode);
        Assert.Equal(LayerEntry.ExecutableMode, entries["bin/busybox"].Mode);
        Assert.All(entries.Values, e => Assert.Equal(OciImageBuilder.Epoch, e.ModificationTime));
        Assert.All(entries.Values, e => Assert.Equal(0, e.Uid));
    }

    [Fact]
    public void Pause_runs_catatonit_in_pause_mode()
    {
        var image = OciImageBuilder.Build(LocalImages.PauseSpec("localhost/pause:catatonit", [1, 2, 3]));
        using var config = JsonDocument.Parse(image.Config.Content);

        Assert.Equal(["/catatonit", "-P"], config.RootElement.GetProperty("config").GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("catatonit", ReadTar(Gunzip(image.Layers[0].Content)).Keys);
    }

    [Fact]
    public void Duplicate_or_escaping_paths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => OciImageBuilder.LayerTar([LayerEntry.Directory("a"), LayerEntry.Directory("a/")]));
        Assert.Throws<ArgumentException>(() => OciImageBuilder.LayerTar([LayerEntry.Directory("../etc")]));
    }

    [Fact]
    public void Archive_is_an_oci_layout_with_the_reference_annotation_and_every_blob()
    {
        var busybox = Busybox();
        var pause = OciImageBuilder.Build(LocalImages.PauseSpec("localhost/pause:catatonit", [1, 2, 3]));
        using var archive = new MemoryStream();
        OciArchiveWriter.Write(archive, [busybox, pause]);
        var files = ReadFiles(archive.ToArray());

        Assert.Equal("{\"imageLayoutVersion\":\"1.0.0\"}", Encoding.UTF8.GetString(files["oci-layout"]));
        using var index = JsonDocument.Parse(files["index.json"]);
        var manifests = index.RootElement.GetProperty("manifests").EnumerateArray().ToList();
        Assert.Equal([busybox.Digest, pause.Digest], manifests.Select(m => m.GetProperty("digest").GetString()));
        Assert.Equal(
            ["localhost/busybox:1.35", "localhost/pause:catatonit"],
            manifests.Select(m => m.GetProperty("annotations").GetProperty(OciMediaTypes.RefNameAnnotation).GetString()));
        foreach (var blob in new[] { busybox, pause }.SelectMany(i => i.Layers.Append(i.Config).Append(i.Manifest)))
        {
            var content = files["blobs/sha256/" + blob.Hex];
            Assert.Equal(blob.Digest, OciBlob.DigestOf(content));
        }

        Assert.Equal(2 + 6, files.Count);
    }

    private static byte[] Gunzip(byte[] data)
    {
        using var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }

    private static SortedDictionary<string, TarEntry> ReadTar(byte[] tar)
    {
        var entries = new SortedDictionary<string, TarEntry>(StringComparer.Ordinal);
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry() is { } entry)
        {
            entries.Add(entry.Name, entry);
        }

        return entries;
    }

    private static Dictionary<string, byte[]> ReadFiles(byte[] tar)
    {
        var files = new Dictionary<string, byte[]>();
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            if (entry.EntryType == TarEntryType.RegularFile && entry.DataStream is { } data)
            {
                using var copy = new MemoryStream();
                data.CopyTo(copy);
                files.Add(entry.Name, copy.ToArray());
            }
        }

        return files;
    }
}
