using Orchestrator.Kubelet.Network;
using Orchestrator.Kubelet.Node.Windows;

namespace Orchestrator.Kubelet.Runtime.Containerd;

/// <summary>How a kubelet runs one real node on containerd.</summary>
public sealed record ContainerdNodeOptions(string NodeName, string RootDir)
{
    /// <summary>
    /// The state directory of the private containerd: adopted when one already runs there (a kubelet
    /// restart, or a containerd started by a test), else started. Default: &lt;root&gt;/containerd.
    /// </summary>
    public string? ContainerdStateDir { get; init; }

    /// <summary>The address the node registers (InternalIP); the API server dials the kubelet there. Default: the host's primary address.</summary>
    public string? NodeIp { get; init; }

    /// <summary>The kubelet server's port (upstream 10250; 0 picks a free one).</summary>
    public int Port { get; init; } = 10250;

    /// <summary>The kubelet server's TLS certificate (with key); null serves plain HTTP. See <see cref="Server.KubeletServerOptions"/>.</summary>
    public X509Certificate2? ServingCertificate { get; init; }

    /// <summary>The CA the API server's client certificate must chain to; null serves any client.</summary>
    public X509Certificate2? ClientCertificateAuthority { get; init; }

    /// <summary>
    /// Upstream's <c>--authorization-mode=Webhook</c> (what kubeadm configures): each client of the kubelet
    /// server is authorized with a SubjectAccessReview on <c>nodes/NODE/stats|metrics|log|proxy…</c> through the
    /// kubelet's API client. False or null (the default, as upstream's flag): AlwaysAllow; the commands choose
    /// (webhook whenever clients have certificates, <c>--authorization-mode</c>). True needs <see cref="ClientCertificateAuthority"/>.
    /// </summary>
    public bool? WebhookAuthorization { get; init; }

    public int MaxPods { get; init; } = 110;

    /// <summary>Whether the kubelet server serves /stats/summary, /metrics/resource and /metrics/cadvisor (--stats, default on).</summary>
    public bool Stats { get; init; } = true;

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<V1Taint> Taints { get; init; } = [];

    public KubeletOptions Kubelet { get; init; } = new();

    /// <summary>Every pod address of the cluster (upstream --cluster-cidr; the controller manager cuts node podCIDRs from it): pod traffic leaving it is masqueraded.</summary>
    public string ClusterCidr { get; init; } = "10.244.0.0/16";

    /// <summary>How pods reach the other nodes' pods: host-gw routes and masquerade (default), or nothing.</summary>
    public PodNetworkMode PodNetwork { get; init; } = PodNetworkMode.HostGw;

    /// <summary>
    /// Upstream's <c>--container-runtime-endpoint</c>: an existing CRI runtime (<c>unix:///run/containerd/containerd.sock</c>,
    /// <c>npipe://./pipe/containerd-containerd</c>) the node uses as it is. Null (the default): the node's private containerd
    /// in <see cref="StateDir"/>. With an existing runtime the node starts no containerd, imports no images and sets up no
    /// pod network (no CNI config, host-gw routes or masquerade): the runtime's own CNI config connects the pods.
    /// </summary>
    public string? RuntimeEndpoint { get; init; }

    /// <summary>
    /// Upstream's <c>--cgroup-root</c>: the cgroup (cgroupfs driver) pod cgroups go under on Linux. Null: the private
    /// containerd's own parent, or <c>/kubepods</c> on an existing runtime. Windows has no pod cgroups.
    /// </summary>
    public string? CgroupRoot { get; init; }

    /// <summary>The host's Windows version when the node is a Windows node (labels, nodeInfo, Windows CRI configs); null: a Linux node.</summary>
    public WindowsVersion? Windows { get; init; }

    /// <summary>Whether the node uses an existing CRI runtime (<see cref="RuntimeEndpoint"/>) rather than its private containerd.</summary>
    public bool ExternalRuntime => RuntimeEndpoint is not null;

    /// <summary>Why <paramref name="endpoint"/> is no CRI endpoint this node can dial, or null when it is one.</summary>
    public static string? EndpointError(string endpoint)
    {
        try
        {
            Cri.Client.Connect.CriEndpoint.Parse(endpoint);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    public string StateDir => ContainerdStateDir ?? Path.Combine(RootDir, "containerd");
}
