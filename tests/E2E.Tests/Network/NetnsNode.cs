using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Network;

/// <summary>One node of a <see cref="NetnsCluster"/>: its network namespace, LAN address, kubelet root and kubelet process.</summary>
public sealed class NetnsNode(string name, NetworkNamespace ns, string address, string rootDir)
{
    public string Name { get; } = name;

    public NetworkNamespace Namespace { get; } = ns;

    /// <summary>The node's LAN address (its InternalIP).</summary>
    public string Address { get; } = address;

    public string RootDir { get; } = rootDir;

    /// <summary>The private containerd the kubelet starts: &lt;root&gt;/containerd.</summary>
    public string ContainerdStateDir => Path.Combine(RootDir, "containerd");

    public ComponentProcess? Kubelet { get; set; }
}
