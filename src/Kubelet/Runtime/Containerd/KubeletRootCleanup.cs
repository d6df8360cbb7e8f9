namespace Orchestrator.Kubelet.Runtime.Containerd;

/// <summary>
/// Removes a stopped kubelet's root directory: pods' tmpfs volumes (secrets, projected
/// service-account tokens) stay mounted after the kubelet exits, as upstream's do, so they are
/// unmounted (lazily, deepest first) before the tree is deleted.
/// </summary>
public static class KubeletRootCleanup
{
    public static void Remove(string rootDir)
    {
        if (!Directory.Exists(rootDir))
        {
            return;
        }

        foreach (var mount in MountInfo.ReadMountsUnder(Path.GetFullPath(rootDir)))
        {
            using var umount = Process.Start(new ProcessStartInfo("umount", ["-l", mount]) { RedirectStandardError = true, RedirectStandardOutput = true });
            umount?.WaitForExit(10_000);
        }

        Directory.Delete(rootDir, recursive: true);
    }
}
