using System.Formats.Tar;
using System.Text.Json;
using Orchestrator.Host.Commands;
using Orchestrator.Kubelet.Images;
using Orchestrator.Testing;
using Orchestrator.Kubelet.Images.Local;

namespace Orchestrator.Orchestrator.Tests.Commands;

public sealed class ImagesCommandTests
{
    [Fact]
    public async Task Build_writes_an_oci_archive_naming_both_images()
    {
        var path = Path.Combine(Path.GetTempPath(), $"images-{Guid.NewGuid():N}.tar");
        try
        {
            using var output = new StringWriter();
            var code = await CommandRouter.RunAsync(["images", "build", "--output", path], output, TextWriter.Null);

            Assert.Equal(0, code);
            Assert.Contains($"wrote {path}", output.ToString(), StringComparison.Ordinal);
            using var index = JsonDocument.Parse(ReadEntry(path, "index.json"));
            Assert.Equal(
                [LocalImages.BusyboxReference, LocalImages.PauseReference],
                index.RootElement.GetProperty("manifests").EnumerateArray()
                    .Select(m => m.GetProperty("annotations").GetProperty(OciMediaTypes.RefNameAnnotation).GetString()));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Push_puts_both_images_into_the_registry()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"registry-{Guid.NewGuid():N}");
        try
        {
            await using (var registry = await RegistryProcess.StartAsync(directory))
            {
                using var output = new StringWriter();
                var code = await CommandRouter.RunAsync(["images", "push", "--registry", registry.BaseAddress.ToString()], output, TextWriter.Null);

                Assert.Equal(0, code);
                using var http = new HttpClient();
                var tags = await http.GetStringAsync(new Uri(registry.BaseAddress, "/v2/pause/tags/list"));
                Assert.Contains("catatonit", tags, StringComparison.Ordinal);
                Assert.Contains($"pushed {registry.Host}/busybox:1.35 sha256:", output.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Load_without_an_address_is_a_usage_error()
    {
        using var error = new StringWriter();

        Assert.Equal(2, await CommandRouter.RunAsync(["images", "load"], TextWriter.Null, error));
        Assert.Contains("needs --address", error.ToString(), StringComparison.Ordinal);
    }

    private static byte[] ReadEntry(string archive, string name)
    {
        using var reader = new TarReader(File.OpenRead(archive));
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.Name == name && entry.DataStream is { } data)
            {
                using var copy = new MemoryStream();
                data.CopyTo(copy);
                return copy.ToArray();
            }
        }

        throw new InvalidOperationException($"{name} is not in {archive}");
    }
}
