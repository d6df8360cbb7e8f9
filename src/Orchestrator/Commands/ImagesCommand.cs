using Orchestrator.Kubelet.Images;
using Orchestrator.Kubelet.Images.Local;

namespace Orchestrator.Host.Commands;

/// <summary>
/// `orchestrator images build|load|push`: the node's local images (busybox, pause) without the internet —
/// built from the host's busybox-static and catatonit, written as an OCI archive, imported into a containerd,
/// or pushed to a registry over the HTTP API v2.
/// </summary>
internal static class ImagesCommand
{
    public static async Task<int> RunAsync(Arguments arguments, TextWriter output)
    {
        var verb = arguments.Take("images verb (build, load, push)");
        switch (verb)
        {
            case "build":
                var path = arguments.Option("output") ?? "images.tar";
                arguments.EnsureConsumed();
                var images = await BuildAsync();
                OciArchiveWriter.WriteFile(path, images);
                foreach (var image in images)
                {
                    await output.WriteLineAsync($"{image.Reference} {image.Digest}");
                }

                await output.WriteLineAsync($"wrote {path}");
                return 0;
            case "load":
                var socket = arguments.Option("address") ?? throw new UsageException("images load needs --address /path/to/containerd.sock");
                var archive = arguments.Option("archive");
                arguments.EnsureConsumed();
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
            case "push":
                return await PushAsync(arguments, output);
            default:
                throw new UsageException($"unknown images verb \"{verb}\"");
        }
    }

    private static async Task<int> PushAsync(Arguments arguments, TextWriter output)
    {
        var registry = arguments.Option("registry") ?? throw new UsageException("images push needs --registry http://HOST:PORT");
        if (!Uri.TryCreate(registry, UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--registry {registry} is not an http(s) URL");
        }

        arguments.EnsureConsumed();
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
