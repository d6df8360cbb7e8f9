using Orchestrator.KubeProxy.Backends;
using Orchestrator.KubeProxy.Backends.Hns;
using static Orchestrator.Host.Commands.Definition.OptionSpec;
using NodeServiceFlags = Orchestrator.Host.Commands.NodeServices;
using RealNodeFlags = Orchestrator.Host.Commands.RealNode;

namespace Orchestrator.Host.Commands.Definition;

/// <summary>
/// The option groups several commands share (node, real node, tracing, ...), each built fresh for the command that
/// adds it. A command adding two groups that both name an option keeps the first (see <see cref="CommandSpec.With"/>).
/// </summary>
internal static class OptionSets
{
    public static Option[] Kubeconfig(string description = "the kubeconfig to reach the API server (default $KUBECONFIG)") =>
        [Path(ClientArguments.KubeconfigFlag, "FILE", description)];

    public static Option[] Metrics() =>
    [
        MetricsListener.BindAddress(),
    ];

    public static Option[] Tracing() =>
    [
        TracingArguments.Endpoint(),
        TracingArguments.Protocol(),
        TracingArguments.Ratio(),
    ];

    public static Option[] LeaderElection() =>
    [
        Boolean("leader-elect", "elect a leader among replicas on a Lease in kube-system (default true)"),
        Value("identity", "ID", "this replica's identity in leader election (default: host name and a random suffix)"),
    ];

    public static Option[] Node() =>
    [
        Choice("os", "linux|windows", "the node's operating system (default linux)", "linux", "windows"),
        KubeletCommand.WindowsBuildOption(),
        Value("cpu", "N", "allocatable CPU (default 4)"),
        Value("memory", "QUANTITY", "allocatable memory (default 16Gi)"),
        Number("max-pods", "N", "pod capacity (default 110)", min: 1),
        Parsed("labels", "k=v,...", "node labels", NodeArguments.Labels),
        Parsed("taints", "k=v:Effect,...", "node taints", NodeArguments.Taints),
    ];

    /// <summary>A real node on containerd; <paramref name="portOption"/> is the kubelet's port flag (up: kubelet-port).</summary>
    public static Option[] RealNode(string portOption) =>
    [
        Value("node-name", "NAME", "the node's name (default: the host name)"),
        Value("node-ip", "IP", "the node's InternalIP"),
        Path("root-dir", "DIR", "the kubelet's directory"),
        Port(portOption, "the kubelet's HTTPS port (default 10250)"),
        Path("containerd-state-dir", "DIR", "the private containerd's state directory"),
        RealNodeFlags.RuntimeEndpointOption(),
        Value("cgroup-root", "/kubepods", "the pods' cgroup parent"),
        RealNodeFlags.ClusterCidrOption("the pod network (default 10.244.0.0/16)"),
        Choice("pod-network", "host-gw|none", "host-gw: routes to the other nodes' podCIDRs; none: the CNI bridge only", "host-gw", "none"),
        Boolean("stats", "the kubelet's /stats/summary and /metrics/resource|cadvisor (default true)"),
    ];

    public static Option[] NodeServices() =>
    [
        Choice("proxy-mode", "nftables|iptables|hns|none", "the node's service proxy (default nftables; Windows: hns)", [.. ProxyBackends.Modes, NodeServiceFlags.NoProxy]),
        Boolean("node-dns", "the node's cluster DNS on its node IP (default true on Linux)"),
        Port("dns-port", "the node DNS's port (default 53)", min: 1),
        Parsed("cluster-dns", "IP,...", "pods' nameservers (default 10.96.0.10)", NodeServiceFlags.ParseClusterDns),
        Parsed("cluster-domain", "DOMAIN", "pods' search domain (default cluster.local)", NodeServiceFlags.ParseClusterDomain),
        .. Hns(),
    ];

    public static Option[] Hns() =>
    [
        Value("network-name", "NAME", "hns: the HNS network (default $KUBE_NETWORK)"),
        Choice("network-type", "L2Bridge|Overlay", "hns: the network's type (default L2Bridge)", HnsNetworkInfo.L2Bridge, HnsNetworkInfo.Overlay),
        Value("source-vip", "IP", "hns: the source VIP for load balancers"),
        Bare("enable-dsr", "hns: direct server return"),
    ];

    public static Option[] KubeletServing() =>
    [
        Path("tls-cert-file", "FILE", "the kubelet's serving certificate (default: self-signed)"),
        Path("tls-private-key-file", "FILE", "its key"),
        Path("client-ca-file", "FILE", "the CA of the kubelet's clients (default: the kubeconfig's CA)"),
        Choice("authorization-mode", "Webhook|AlwaysAllow", "the kubelet's authorization (default Webhook)", RealNodeFlags.WebhookMode, RealNodeFlags.AlwaysAllowMode),
    ];

    public static Option[] NodeLease() => [Number("node-lease-duration-seconds", "N", "the node Lease's duration (default 40)", min: 1)];

    public static Option[] ApiServerSecurity() =>
    [
        Value("authorization-mode", "MODES", "Node,RBAC (default), RBAC or AlwaysAllow", "Node,RBAC", "RBAC", "AlwaysAllow"),
        Boolean("anonymous-auth", "let unauthenticated requests in as system:anonymous (default true)"),
        Port("insecure-port", "plain HTTP on 127.0.0.1:N without authentication, for tests only (default 0: off)"),
    ];

    public static Option[] ControllerManager() =>
    [
        Value("controllers", "a,b,-c", "the controllers to run (* for all, -name to leave one out)"),
        Duration("node-monitor-grace-period", "how long a node may be silent before NotReady (default 40s)"),
        Value("cluster-cidr", "CIDR", "the pod network, split into node podCIDRs (default 10.244.0.0/16)"),
        Value("load-balancer-ip-pool", "nodes|CIDR,A-B,...", "addresses for LoadBalancer Services"),
        Path("cluster-signing-cert-file", "FILE", "the CA certificate that signs CSRs"),
        Path("cluster-signing-key-file", "FILE", "its key"),
        Duration("cluster-signing-duration", "signed certificates' lifetime (default 8760h)"),
        Path("root-ca-file", "FILE", "the CA published in every namespace's kube-root-ca.crt"),
        Duration("horizontal-pod-autoscaler-sync-period", "default 15s"),
        Ratio("horizontal-pod-autoscaler-tolerance", "R", "default 0.1", "a number such as 0.1"),
        Duration("horizontal-pod-autoscaler-downscale-stabilization", "default 5m0s"),
        Duration("horizontal-pod-autoscaler-cpu-initialization-period", "default 5m0s"),
        Duration("horizontal-pod-autoscaler-initial-readiness-delay", "default 30s"),
        Duration("image-update-interval", "how often image tags are re-resolved (default 5m0s)"),
        Duration("image-update-request-timeout", "a registry request's timeout (default 3s)"),
    ];
}
