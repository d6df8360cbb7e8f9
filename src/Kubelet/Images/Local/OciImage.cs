namespace Orchestrator.Kubelet.Images.Local;

/// <summary>
/// A single-platform OCI image held in memory: manifest, config and gzip layers, plus the full reference
/// (<c>localhost/busybox:1.35</c>) it is known by. Produced by <see cref="OciImageBuilder"/>; written as an
/// image-layout archive by <see cref="OciArchiveWriter"/>, pushed by <see cref="RegistryPusher"/>.
/// </summary>
public sealed record OciImage(string Reference, OciBlob Manifest, OciBlob Config, IReadOnlyList<OciBlob> Layers)
{
    /// <summary>The image's digest: the manifest's.</summary>
    public string Digest => Manifest.Digest;

    /// <summary>The image ID as CRI reports it: the config's digest.</summary>
    public string Id => Config.Digest;
}
