using Orchestrator.Kubelet.Images;
using Orchestrator.Kubelet.Images.Local;

namespace Orchestrator.Host.Commands;

/// <summary>
/// `orchestrator images build|load|push`: the node's local images (busybox, pause) without the internet —
/// built from the host's busybox-static and catatonit, written as an OCI archive, imported into a containerd,
/// or pushed to a registry over the HTTP API v2. The values come typed from the definition.
/// </summary>
internal static class ImagesCommand
{
    public static async Task<int> BuildAsync(string? output, TextWriter writer)
    {
        var path = output ?? "images.tar";
        var images = await BuildAsync();
        OciArchiveWriter.WriteFile(path, images);
        foreach (var image in images)
        {
            await writer.WriteLineAsync($"{image.Reference} {image.Digest}");
        }

        await writer.WriteLineAsync($"wrote {path}");
        return 0;
    }

    public static async Task<int> LoadAsync(string? address, string? archive, TextWriter output)
    {
        var socket = address ?? throw new UsageException("images load needs --address /path/to/containerd.sock");
        if (archive is null)
        {
            await ImageImporter.ImportAsync(socket, await BuildAsync());
        }
        else
        {
            await ImageImporter.ImportAsync(socket, archive);
        }

        foreach (var name in await ImageImporter.ListAsync(socket))
        {
            await output.WriteLineAsync(name);
        }

        return 0;
    }

    public static async Task<int> PushAsync(string? registry, TextWriter output)
    {
        if (registry is null)
        {
            throw new UsageException("images push needs --registry http://HOST:PORT");
        }

        if (!Uri.TryCreate(registry, UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--registry {registry} is not an http(s) URL");
        }

        using var http = new HttpClient();
        var pusher = new RegistryPusher(http);
        foreach (var image in await BuildAsync())
        {
            // localhost/busybox:1.35 -> <registry>/busybox:1.35
            var name = image.Reference[(image.Reference.IndexOf('/', StringComparison.Ordinal) + 1)..];
            var colon = name.LastIndexOf(':');
            await pusher.PushAsync(baseAddress, name[..colon], name[(colon + 1)..], image);
            await output.WriteLineAsync($"pushed {baseAddress.Authority}/{name} {image.Digest}");
        }

        return 0;
    }

    private static async Task<OciImage[]> BuildAsync() => [await LocalImages.BuildBusyboxAsync(), LocalImages.BuildPause()];
}
