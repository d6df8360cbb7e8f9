using Orchestrator.KubeProxy.Backends;
using Orchestrator.KubeProxy.Backends.Iptables;
using static Orchestrator.KubeProxy.Tests.Backends.Iptables.IptablesPlanInputs;

namespace Orchestrator.KubeProxy.Tests.Backends.Iptables;

public class StaleUdpEndpointsTests
{
    [Fact]
    public void A_removed_udp_service_reports_each_of_its_endpoints()
    {
        var before = PlanOf(Dns([Ep("10.244.0.5", 53), Ep("10.244.1.6", 53)]));
        var stale = StaleUdpEndpoints.Find(before, PlanOf());
        Assert.Equal([new StaleUdpEndpoint("10.96.0.10", 53, "10.244.0.5"), new StaleUdpEndpoint("10.96.0.10", 53, "10.244.1.6")], stale);
    }

    [Fact]
    public void Tcp_endpoints_and_the_first_sync_report_nothing()
    {
        var web = PlanOf(Web() with { ClusterEndpoints = [Ep("10.244.1.5", 8080)] });
        Assert.Empty(StaleUdpEndpoints.Find(web, PlanOf(Web())));
        Assert.Empty(StaleUdpEndpoints.Find(null, web));
    }

    [Fact]
    public void A_udp_nodeport_reports_the_node_addresses_too()
    {
        var before = PlanOf(Dns([Ep("10.244.0.5", 53)]) with { NodePort = 30053 });
        var stale = StaleUdpEndpoints.Find(before, PlanOf(Dns([]) with { NodePort = 30053 }));
        Assert.Equal([new StaleUdpEndpoint("10.96.0.10", 53, "10.244.0.5"), new StaleUdpEndpoint("10.200.0.2", 30053, "10.244.0.5")], stale);
    }
}
