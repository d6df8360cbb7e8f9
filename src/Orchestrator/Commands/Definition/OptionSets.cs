using System.CommandLine;
using static Orchestrator.Host.Commands.Definition.OptionSpec;

namespace Orchestrator.Host.Commands.Definition;

/// <summary>
/// The option groups several commands share (node, real node, tracing, ...), each built fresh for the command that
/// adds it. A command adding two groups that both name an option keeps the first (see <see cref="CommandSpec.With"/>).
/// </summary>
internal static class OptionSets
{
    public static Option[] Kubeconfig(string description = "the kubeconfig to reach the API server (default $KUBECONFIG)") =>
        [Path("kubeconfig", "FILE", description)];

    public static Option[] Metrics() =>
    [
        Value("metrics-bind-address", "HOST:PORT", "Prometheus /metrics on plain HTTP (off by default; 0: off)"),
    ];

    public static Option[] Tracing() =>
    [
        Value(TracingArguments.EndpointFlag, "URL", "OpenTelemetry traces by OTLP to URL (off by default)"),
        Value(TracingArguments.ProtocolFlag, "http/protobuf|grpc", "OTLP transport (default http/protobuf: POST URL/v1/traces)", "http/protobuf", "grpc"),
        Value(TracingArguments.RatioFlag, "R", "0..1 of new traces kept (default 1 with an endpoint; 0: only requests whose traceparent is sampled)"),
    ];

    public static Option[] LeaderElection() =>
    [
        Boolean("leader-elect", "elect a leader among replicas on a Lease in kube-system (default true)"),
        Value("identity", "ID", "this replica's identity in leader election (default: host name and a random suffix)"),
    ];

    public static Option[] Node() =>
    [
        Value("os", "linux|windows", "the node's operating system (default linux)", "linux", "windows"),
        Value("windows-build", "10.0.20348", "a hollow Windows node's build"),
        Value("cpu", "N", "allocatable CPU (default 4)"),
        Value("memory", "QUANTITY", "allocatable memory (default 16Gi)"),
        Value("max-pods", "N", "pod capacity (default 110)"),
        Value("labels", "k=v,...", "node labels"),
        Value("taints", "k=v:Effect,...", "node taints"),
    ];

    /// <summary>A real node on containerd; <paramref name="portOption"/> is the kubelet's port flag (up: kubelet-port).</summary>
    public static Option[] RealNode(string portOption) =>
    [
        Value("node-name", "NAME", "the node's name (default: the host name)"),
        Value("node-ip", "IP", "the node's InternalIP"),
        Path("root-dir", "DIR", "the kubelet's directory"),
        Value(portOption, "PORT", "the kubelet's HTTPS port (default 10250)"),
        Path("containerd-state-dir", "DIR", "the private containerd's state directory"),
        Value("container-runtime-endpoint", "unix:///S.sock|npipe://./pipe/P", "an existing CRI runtime (no containerd started)"),
        Value("cgroup-root", "/kubepods", "the pods' cgroup parent"),
        Value("cluster-cidr", "CIDR", "the pod network (default 10.244.0.0/16)"),
        Value("pod-network", "host-gw|none", "host-gw: routes to the other nodes' podCIDRs; none: the CNI bridge only", "host-gw", "none"),
        Boolean("stats", "the kubelet's /stats/summary and /metrics/resource|cadvisor (default true)"),
    ];

    public static Option[] NodeServices() =>
    [
        Value("proxy-mode", "nftables|iptables|hns|none", "the node's service proxy (default nftables; Windows: hns)", "nftables", "iptables", "hns", "none"),
        Boolean("node-dns", "the node's cluster DNS on its node IP (default true on Linux)"),
        Value("dns-port", "PORT", "the node DNS's port (default 53)"),
        Value("cluster-dns", "IP,...", "pods' nameservers (default 10.96.0.10)"),
        Value("cluster-domain", "DOMAIN", "pods' search domain (default cluster.local)"),
        .. Hns(),
    ];

    public static Option[] Hns() =>
    [
        Value("network-name", "NAME", "hns: the HNS network (default $KUBE_NETWORK)"),
        Value("network-type", "L2Bridge|Overlay", "hns: the network's type (default L2Bridge)", "L2Bridge", "Overlay"),
        Value("source-vip", "IP", "hns: the source VIP for load balancers"),
        Bare("enable-dsr", "hns: direct server return"),
    ];

    public static Option[] KubeletServing() =>
    [
        Path("tls-cert-file", "FILE", "the kubelet's serving certificate (default: self-signed)"),
        Path("tls-private-key-file", "FILE", "its key"),
        Path("client-ca-file", "FILE", "the CA of the kubelet's clients (default: the kubeconfig's CA)"),
        Value("authorization-mode", "Webhook|AlwaysAllow", "the kubelet's authorization (default Webhook)", "Webhook", "AlwaysAllow"),
    ];

    public static Option[] NodeLease() => [Value("node-lease-duration-seconds", "N", "the node Lease's duration (default 40)")];

    public static Option[] ApiServerSecurity() =>
    [
        Value("authorization-mode", "MODES", "Node,RBAC (default), RBAC or AlwaysAllow", "Node,RBAC", "RBAC", "AlwaysAllow"),
        Boolean("anonymous-auth", "let unauthenticated requests in as system:anonymous (default true)"),
        Value("insecure-port", "N", "plain HTTP on 127.0.0.1:N without authentication, for tests only (default 0: off)"),
    ];

    public static Option[] ControllerManager() =>
    [
        Value("controllers", "a,b,-c", "the controllers to run (* for all, -name to leave one out)"),
        Value("node-monitor-grace-period", "DURATION", "how long a node may be silent before NotReady (default 40s)"),
        Value("cluster-cidr", "CIDR", "the pod network, split into node podCIDRs (default 10.244.0.0/16)"),
        Value("load-balancer-ip-pool", "nodes|CIDR,A-B,...", "addresses for LoadBalancer Services"),
        Path("cluster-signing-cert-file", "FILE", "the CA certificate that signs CSRs"),
        Path("cluster-signing-key-file", "FILE", "its key"),
        Value("cluster-signing-duration", "DURATION", "signed certificates' lifetime (default 8760h)"),
        Path("root-ca-file", "FILE", "the CA published in every namespace's kube-root-ca.crt"),
        Value("horizontal-pod-autoscaler-sync-period", "DURATION", "default 15s"),
        Value("horizontal-pod-autoscaler-tolerance", "R", "default 0.1"),
        Value("horizontal-pod-autoscaler-downscale-stabilization", "DURATION", "default 5m0s"),
        Value("horizontal-pod-autoscaler-cpu-initialization-period", "DURATION", "default 5m0s"),
        Value("horizontal-pod-autoscaler-initial-readiness-delay", "DURATION", "default 30s"),
        Value("image-update-interval", "DURATION", "how often image tags are re-resolved (default 5m0s)"),
        Value("image-update-request-timeout", "DURATION", "a registry request's timeout (default 3s)"),
    ];
}
