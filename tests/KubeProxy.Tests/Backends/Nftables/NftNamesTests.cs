using Orchestrator.KubeProxy.Backends.Nftables;
using Orchestrator.KubeProxy.Plan;

namespace Orchestrator.KubeProxy.Tests.Backends.Nftables;

public class NftNamesTests
{
    // Names from upstream's pkg/proxy/nftables/proxier_test.go (TestOverallNFTablesRules).
    [Theory]
    [InlineData("ns1", "svc1", "service-ULMVA6XW-ns1/svc1/tcp/p80")]
    [InlineData("ns2", "svc2", "service-42NFTM6N-ns2/svc2/tcp/p80")]
    [InlineData("ns5", "svc5", "service-HVFWP5L3-ns5/svc5/tcp/p80")]
    public void Service_chain_names_match_upstream(string ns, string name, string expected) =>
        Assert.Equal(expected, NftNames.ServiceChain(new ServicePortName(ns, name, "p80", "tcp")));

    [Fact]
    public void Endpoint_chain_and_affinity_set_names_match_upstream()
    {
        var endpoint = new EndpointPlan("10.180.0.3", 80, false, true, true, false);
        Assert.Equal("endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80",
            NftNames.EndpointChain(new ServicePortName("ns1", "svc1", "p80", "tcp"), endpoint with { Ip = "10.180.0.1" }));
        Assert.Equal("affinity-GTK6MW7G-ns5/svc5/tcp/p80__10.180.0.3/80",
            NftNames.AffinitySet(new ServicePortName("ns5", "svc5", "p80", "tcp"), endpoint));
    }

    [Fact]
    public void External_chain_shares_the_service_hash() =>
        Assert.Equal("external-42NFTM6N-ns2/svc2/tcp/p80", NftNames.ExternalChain(new ServicePortName("ns2", "svc2", "p80", "tcp")));
}
