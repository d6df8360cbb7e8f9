using System.Security.Cryptography.X509Certificates;
using k8s.Models;
using Orchestrator.Kubelet.Network;

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

    public string StateDir => ContainerdStateDir ?? Path.Combine(RootDir, "containerd");
}
