using Orchestrator.KubeProxy.Plan;

namespace Orchestrator.KubeProxy.Tests.Backends.Iptables;

/// <summary>Plans built directly from the plan records: one Service port per case, the kinds the proxy must render.</summary>
internal static class IptablesPlanInputs
{
    public static readonly ProxyNode Node = new("node-a", ["10.200.0.2"], "10.244.0.0/16");

    public static IReadOnlyDictionary<string, ProxyPlan> Cases { get; } = new Dictionary<string, ProxyPlan>
    {
        ["clusterip-two-endpoints"] = PlanOf(Web() with { ClusterEndpoints = [Ep("10.244.1.5", 8080), Ep("10.244.2.4", 8080)] }),
        ["no-endpoints"] = PlanOf(Web("empty", "10.96.0.60") with { NodePort = 30081 }),
        ["nodeport"] = PlanOf(Web() with { NodePort = 30080, ClusterEndpoints = [Ep("10.244.1.5", 8080, local: true), Ep("10.244.2.4", 8080)] }),
        ["loadbalancer-local"] = PlanOf(Web("lb", "10.96.0.70") with
        {
            NodePort = 30090,
            LoadBalancerIps = ["10.200.0.100"],
            ExternalIps = ["192.0.2.10"],
            ExternalPolicyLocal = true,
            ClusterEndpoints = [Ep("10.244.1.5", 8080, local: true), Ep("10.244.2.4", 8080)],
            LocalEndpoints = [Ep("10.244.1.5", 8080, local: true)],
        }),
        ["loadbalancer-local-no-local-endpoints"] = PlanOf(Web("lb", "10.96.0.70") with
        {
            NodePort = 30090,
            LoadBalancerIps = ["10.200.0.100"],
            ExternalPolicyLocal = true,
            ClusterEndpoints = [Ep("10.244.2.4", 8080)],
        }),
        ["affinity"] = PlanOf(Web("sticky", "10.96.0.80") with
        {
            AffinityTimeoutSeconds = 10800,
            ClusterEndpoints = [Ep("10.244.1.5", 8080), Ep("10.244.2.4", 8080), Ep("10.244.2.9", 8080)],
        }),
        ["dns-udp"] = PlanOf(Dns([Ep("10.244.0.5", 53), Ep("10.244.1.6", 53)])),
        ["internal-local"] = PlanOf(Web("node-local", "10.96.0.90") with
        {
            InternalPolicyLocal = true,
            ClusterEndpoints = [Ep("10.244.1.5", 8080, local: true)],
        }),
    };

    /// <summary>kube-system/kube-dns:dns over UDP at 10.96.0.10:53.</summary>
    public static ServicePortPlan Dns(IReadOnlyList<EndpointPlan> endpoints) =>
        new(new ServicePortName("kube-system", "kube-dns", "dns", "udp"), "10.96.0.10", 53, 0, [], [], false, false, null, endpoints, []);

    /// <summary>A TCP Service port <c>default/NAME:http</c> on port 80 with no endpoints.</summary>
    public static ServicePortPlan Web(string name = "web", string clusterIp = "10.96.0.50") =>
        new(new ServicePortName("default", name, "http", "tcp"), clusterIp, 80, 0, [], [], false, false, null, [], []);

    public static EndpointPlan Ep(string ip, int port, bool local = false) => new(ip, port, local, Ready: true, Serving: true, Terminating: false);

    public static ProxyPlan PlanOf(params ServicePortPlan[] services) => new([.. services.OrderBy(s => s.Name)], Node);
}
