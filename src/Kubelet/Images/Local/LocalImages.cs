namespace Orchestrator.Kubelet.Images.Local;

/// <summary>
/// The two images a node needs without the internet, built from host binaries: busybox (Debian
/// busybox-static with a symlink per applet, an httpd docroot) and the pause image (catatonit in pause mode).
/// </summary>
public static class LocalImages
{
    public const string BusyboxReference = "localhost/busybox:1.35";
    public const string PauseReference = "localhost/pause:catatonit";
    public const string BusyboxBinary = "/bin/busybox";
    public const string CatatonitBinary = "/usr/bin/catatonit";
    public const string BusyboxIndexHtml = "hello from busybox httpd\n";

    private static readonly string[] Path = ["PATH=/bin:/usr/bin:/sbin:/usr/sbin"];

    /// <summary>Builds busybox from <see cref="BusyboxBinary"/> (its applet list comes from <c>busybox --list</c>).</summary>
    public static async Task<OciImage> BuildBusyboxAsync(string reference = BusyboxReference, CancellationToken cancellationToken = default)
    {
        var binary = ReadBinary(BusyboxBinary, "busybox-static");
        var applets = await HostCommand.RunCheckedAsync(BusyboxBinary, ["--list"], cancellationToken);
        return OciImageBuilder.Build(BusyboxSpec(reference, binary, applets.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
    }

    /// <summary>The busybox layer and config for a given binary and applet list (pure).</summary>
    public static OciImageSpec BusyboxSpec(string reference, byte[] busybox, IEnumerable<string> applets)
    {
        List<LayerEntry> layer =
        [
            .. BaseDirectories(),
            LayerEntry.Directory("bin"),
            LayerEntry.Directory("www"),
            LayerEntry.Directory("root", (UnixFileMode)0b111_000_000),
            LayerEntry.File("bin/busybox", busybox, LayerEntry.ExecutableMode),
            LayerEntry.File("etc/passwd", Encoding.UTF8.GetBytes("root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n")),
            LayerEntry.File("etc/group", Encoding.UTF8.GetBytes("root:x:0:\nnogroup:x:65534:\n")),
            LayerEntry.File("www/index.html", Encoding.UTF8.GetBytes(BusyboxIndexHtml)),
        ];
        layer.AddRange(applets.Where(a => a is not ("busybox" or "")).Distinct().Select(a => LayerEntry.Symlink("bin/" + a, "busybox")));
        return new OciImageSpec(reference, layer, Path, Cmd: ["sh"]);
    }

    /// <summary>Builds the pause image from <see cref="CatatonitBinary"/>: entrypoint <c>/catatonit -P</c>.</summary>
    public static OciImage BuildPause(string reference = PauseReference) =>
        OciImageBuilder.Build(PauseSpec(reference, ReadBinary(CatatonitBinary, "catatonit")));

    public static OciImageSpec PauseSpec(string reference, byte[] catatonit) =>
        new(reference, [.. BaseDirectories(), LayerEntry.File("catatonit", catatonit, LayerEntry.ExecutableMode)], Path, Entrypoint: ["/catatonit", "-P"]);

    private static IEnumerable<LayerEntry> BaseDirectories() =>
    [
        LayerEntry.Directory("etc"),
        LayerEntry.Directory("tmp", (UnixFileMode)0b111_111_111 | UnixFileMode.StickyBit),
        LayerEntry.Directory("proc"),
        LayerEntry.Directory("sys"),
        LayerEntry.Directory("dev"),
    ];

    private static byte[] ReadBinary(string path, string package) => File.Exists(path)
        ? File.ReadAllBytes(path)
        : throw new InvalidOperationException($"{path} is missing; install it (Debian: apt-get install {package})");
}
