using Orchestrator.KubeProxy.Plan;

namespace Orchestrator.KubeProxy.Tests.Backends.Iptables;

/// <summary>Small plan builders for the iptables backend's kernel and chain-name tests (golden files use PlanFixtures).</summary>
internal static class IptablesPlanInputs
{
    public static readonly ProxyNode Node = new("node-a", ["10.200.0.2"], "10.244.0.0/16");

    /// <summary>kube-system/kube-dns:dns over UDP at 10.96.0.10:53.</summary>
    public static ServicePortPlan Dns(IReadOnlyList<EndpointPlan> endpoints) =>
        new(new ServicePortName("kube-system", "kube-dns", "dns", "udp"), "10.96.0.10", 53, 0, [], [], false, false, null, endpoints, []);

    /// <summary>A TCP Service port <c>default/NAME:http</c> on port 80 with no endpoints.</summary>
    public static ServicePortPlan Web(string name = "web", string clusterIp = "10.96.0.50") =>
        new(new ServicePortName("default", name, "http", "tcp"), clusterIp, 80, 0, [], [], false, false, null, [], []);

    public static EndpointPlan Ep(string ip, int port, bool local = false) => new(ip, port, local, Ready: true, Serving: true, Terminating: false);

    public static ProxyPlan PlanOf(params ServicePortPlan[] services) => new([.. services.OrderBy(s => s.Name)], Node);
}
