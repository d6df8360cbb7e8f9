namespace Orchestrator.Kubelet.Images.Local;

/// <summary>
/// Loads an OCI image-layout archive into containerd's <c>k8s.io</c> namespace, the only one the CRI plugin
/// sees (<c>ctr images import</c>); the images are visible to CRI ImageStatus at once, no restart needed.
/// </summary>
public static class ImageImporter
{
    public const string CriNamespace = "k8s.io";

    /// <summary>Imports <paramref name="archivePath"/> through the containerd at <paramref name="socketPath"/>.</summary>
    public static Task ImportAsync(string socketPath, string archivePath, CancellationToken cancellationToken = default) =>
        HostCommand.RunCheckedAsync("ctr", ["--address", socketPath, "--namespace", CriNamespace, "images", "import", archivePath], cancellationToken);

    /// <summary>Writes <paramref name="images"/> to a temporary archive, imports it, and deletes the archive.</summary>
    public static async Task ImportAsync(string socketPath, IReadOnlyList<OciImage> images, CancellationToken cancellationToken = default)
    {
        var archive = Path.Combine(Path.GetTempPath(), $"orchestrator-images-{Guid.NewGuid():N}.tar");
        try
        {
            OciArchiveWriter.WriteFile(archive, images);
            await ImportAsync(socketPath, archive, cancellationToken);
        }
        finally
        {
            File.Delete(archive);
        }
    }

    /// <summary>The image names in the k8s.io namespace (<c>ctr images ls -q</c>).</summary>
    public static async Task<IReadOnlyList<string>> ListAsync(string socketPath, CancellationToken cancellationToken = default)
    {
        var output = await HostCommand.RunCheckedAsync("ctr", ["--address", socketPath, "--namespace", CriNamespace, "images", "ls", "-q"], cancellationToken);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
