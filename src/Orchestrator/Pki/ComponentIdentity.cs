namespace Orchestrator.Host.Pki;

/// <summary>
/// Who a component of the cluster is to the API server: the user (client certificate CN) and groups
/// (O) of its certificate, and the file its kubeconfig has under the data directory
/// (<c>kubeconfig</c> for the administrator, <c>kubeconfigs/NAME.kubeconfig</c> for the others).
/// </summary>
internal sealed record ComponentIdentity(string Name, string User, IReadOnlyList<string> Groups)
{
    public static readonly ComponentIdentity Admin = new("admin", "admin", ["system:masters"]);

    public static readonly ComponentIdentity Scheduler = new("scheduler", "system:kube-scheduler", []);

    public static readonly ComponentIdentity ControllerManager = new("controller-manager", "system:kube-controller-manager", []);

    public static readonly ComponentIdentity Proxy = new("proxy", "system:kube-proxy", []);

    public static readonly ComponentIdentity Dns = new("dns", "system:kube-dns", []);

    /// <summary>The nodes' local-path provisioners: they create and delete PersistentVolumes, which no kubelet identity may.</summary>
    public static readonly ComponentIdentity LocalPathProvisioner = new("local-path-provisioner", "system:orchestrator:local-path-provisioner", []);

    /// <summary>The API server's identity towards kubelets (logs, exec, attach, port-forward), as kubeadm's apiserver-kubelet-client.</summary>
    public static readonly ComponentIdentity ApiServerKubeletClient = new("apiserver-kubelet-client", "kube-apiserver-kubelet-client", ["kubeadm:cluster-admins"]);

    /// <summary>The API server's identity towards aggregated API servers, issued by the front-proxy CA (kubeadm's front-proxy-client).</summary>
    public static readonly ComponentIdentity FrontProxyClient = new("front-proxy-client", "front-proxy-client", []);

    /// <summary>
    /// Several hollow (simulated) nodes served by one kubelet host through one client: no single node's
    /// identity can act for all of them, so they run as an administrator. One hollow node is <see cref="Kubelet"/>.
    /// </summary>
    public static readonly ComponentIdentity HollowKubelets = new("kubelet-hollow", "orchestrator:hollow-kubelets", ["system:masters"]);

    /// <summary>The kubelet of node <paramref name="nodeName"/>, as upstream's Node authorizer recognises it.</summary>
    public static ComponentIdentity Kubelet(string nodeName) => new("kubelet-" + nodeName, "system:node:" + nodeName, ["system:nodes"]);

    /// <summary>Where its kubeconfig lives under <paramref name="dataDirectory"/>.</summary>
    public string KubeconfigPath(string dataDirectory) => Name == Admin.Name
        ? Path.Combine(dataDirectory, "kubeconfig")
        : Path.Combine(dataDirectory, "kubeconfigs", Name + ".kubeconfig");
}
