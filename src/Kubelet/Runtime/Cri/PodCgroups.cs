namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>
/// The pod-level cgroups the runtime leaves behind (containerd creates and removes only each
/// container's own cgroup below the pod's). cgroupfs layout: v1 has one tree per controller (and the
/// hybrid's `unified` and `systemd` trees), v2 one tree.
/// </summary>
internal static class PodCgroups
{
    private const string Root = "/sys/fs/cgroup";

    /// <summary>Removes <paramref name="cgroupParent"/> from every hierarchy where it is present and empty. Best effort.</summary>
    public static void Remove(string cgroupParent)
    {
        var relative = cgroupParent.TrimStart('/');
        if (!Directory.Exists(Root) || relative.Length == 0)
        {
            return;
        }

        var trees = new List<string> { Root };
        trees.AddRange(Directory.GetDirectories(Root));
        foreach (var tree in trees)
        {
            var dir = Path.Combine(tree, relative);
            try
            {
                // rmdir, never a recursive delete: cgroupfs only removes empty cgroup directories.
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir);
                }
            }
            catch (IOException)
            {
                // still has a process or a child cgroup: the next cleanup gets it
            }
            catch (UnauthorizedAccessException)
            {
                // not ours to remove
            }
        }
    }
}
