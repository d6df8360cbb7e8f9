namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>
/// Where a kubelet keeps its files under its root directory (upstream's /var/lib/kubelet and
/// /var/log/pods, moved under one root): pod directories for volumes and termination messages,
/// and the CRI log directories.
/// </summary>
internal sealed record KubeletPaths(string Root)
{
    public string PodsRoot => Path.Combine(Root, "pods");

    public string LogsRoot => Path.Combine(Root, "logs", "pods");

    public string PodDir(string podUid) => Path.Combine(PodsRoot, podUid);

    /// <summary>The sandbox's log_directory: container logs go to &lt;container&gt;/&lt;restartCount&gt;.log in it.</summary>
    public string PodLogDir(string ns, string name, string uid) => Path.Combine(LogsRoot, $"{ns}_{name}_{uid}");

    /// <summary>The file mounted at the container's terminationMessagePath, one per container instance.</summary>
    public string TerminationMessageFile(string podUid, string container, int restartCount) =>
        Path.Combine(PodDir(podUid), "containers", container, $"termination-{restartCount}");
}
