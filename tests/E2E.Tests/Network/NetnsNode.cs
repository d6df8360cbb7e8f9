using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Network;

/// <summary>
/// One node of a <see cref="NetnsCluster"/>: its network namespace, LAN address, kubelet root and kubelet process, and the
/// directory the node's files live in (<see cref="DataDir"/>: the kubelet root, or the data directory of a joined node
/// holding the root and the node's kubeconfig), removed by <see cref="NetnsCleanup"/>.
/// </summary>
public sealed class NetnsNode(string name, NetworkNamespace ns, string address, string rootDir, string? dataDir = null)
{
    public string Name { get; } = name;

    public NetworkNamespace Namespace { get; } = ns;

    /// <summary>The node's LAN address (its InternalIP).</summary>
    public string Address { get; } = address;

    public string RootDir { get; } = rootDir;

    public string DataDir { get; } = dataDir ?? rootDir;

    /// <summary>The private containerd the kubelet starts: &lt;root&gt;/containerd.</summary>
    public string ContainerdStateDir => Path.Combine(RootDir, "containerd");

    public ComponentProcess? Kubelet { get; set; }
}
