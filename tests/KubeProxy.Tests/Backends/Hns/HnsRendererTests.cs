using System.Text.Json;
using Orchestrator.KubeProxy.Backends.Hns;
using Orchestrator.KubeProxy.Tests.Plan;

namespace Orchestrator.KubeProxy.Tests.Backends.Hns;

public class HnsRendererTests
{
    private static readonly Func<string, string> Ids = ip => "EP-" + ip;

    [Fact]
    public void The_fact_sheets_nodeport_example_is_rendered_key_for_key()
    {
        var state = HnsRenderer.Render(HnsFixtures.NodePortFourEndpoints, HnsFixtures.Overlay, HnsFixtures.OverlayOptions);
        var nodePort = state.LoadBalancers.Single(lb => lb.Key.Frontend == HnsFrontend.NodePort);

        // The remote backends are inside the RemoteSubnetRoute, so SourceVIP stays --source-vip.
        Assert.Equal(
            """{"HostComputeEndpoints":["EP-10.244.1.5","EP-10.244.1.6","EP-10.244.2.7","EP-10.244.2.8"],"SourceVIP":"10.244.1.2","PortMappings":[{"Protocol":6,"InternalPort":8080,"ExternalPort":30080,"Flags":18}],"SchemaVersion":{"Major":2,"Minor":0}}""",
            HcnJson.Serialize(nodePort.ToDocument(Ids)));
    }

    [Fact]
    public void The_fact_sheets_clientip_example_is_rendered_key_for_key()
    {
        var state = HnsRenderer.Render(HnsFixtures.ReferenceDnsAffinity, HnsFixtures.Overlay, HnsFixtures.OverlayOptions);

        Assert.Equal(
            """{"HostComputeEndpoints":["EP-10.244.1.3","EP-10.244.2.3"],"SourceVIP":"10.244.1.2","FrontendVIPs":["10.96.0.10"],"PortMappings":[{"Protocol":17,"InternalPort":53,"ExternalPort":53,"DistributionType":2}],"SchemaVersion":{"Major":2,"Minor":0}}""",
            HcnJson.Serialize(Assert.Single(state.LoadBalancers).ToDocument(Ids)));
    }

    [Fact]
    public void A_remote_endpoint_has_the_conjured_mac_the_remote_flag_and_the_provider_address_of_its_subnet()
    {
        var state = HnsRenderer.Render(HnsFixtures.NodePortFourEndpoints, HnsFixtures.Overlay, HnsFixtures.OverlayOptions);
        var remote = state.Endpoints.Single(e => e.Ip == "10.244.2.7");

        Assert.Equal(
            $$$"""{"HostComputeNetwork":"{{{HnsFixtures.NetworkId}}}","Policies":[{"Type":"ProviderAddress","Settings":{"ProviderAddress":"192.168.1.12"}}],"IpConfigurations":[{"IpAddress":"10.244.2.7"}],"MacAddress":"02-11-0a-f4-02-07","Flags":1,"SchemaVersion":{"Major":2,"Minor":0}}""",
            HcnJson.Serialize(remote.ToRemoteDocument(HnsFixtures.NetworkId)));
    }

    [Fact]
    public void On_l2bridge_there_is_no_source_vip_and_no_provider_address()
    {
        var state = HnsRenderer.Render(HnsFixtures.NodePortFourEndpoints, HnsFixtures.L2Bridge, HnsFixtures.L2BridgeOptions);

        Assert.All(state.LoadBalancers, lb => Assert.Null(lb.Template.SourceVip));
        Assert.All(state.Endpoints, e => Assert.Null(e.ProviderAddress));
    }

    [Fact]
    public void A_remote_backend_outside_every_remote_subnet_makes_the_source_vip_the_node_ip()
    {
        var plan = PlanFixtures.NodePort with
        {
            Services = [PlanFixtures.NodePort.Services[0] with { ClusterEndpoints = [PlanFixtures.Ready("172.16.0.9", 8080, isLocal: false)] }],
        };

        var state = HnsRenderer.Render(plan, HnsFixtures.Overlay, HnsFixtures.OverlayOptions);

        Assert.All(state.LoadBalancers, lb => Assert.Equal("192.168.1.10", lb.Template.SourceVip));
        Assert.Equal("192.168.1.10", Assert.Single(state.Endpoints).ProviderAddress);
    }

    [Fact]
    public void External_traffic_policy_local_sets_dsr_on_external_frontends_and_uses_local_backends_only()
    {
        var state = HnsRenderer.Render(PlanFixtures.LoadBalancerLocal, HnsFixtures.Overlay, HnsFixtures.OverlayOptions);

        var byFrontend = state.LoadBalancers.ToDictionary(lb => lb.Key.Frontend);
        Assert.Equal(0u, byFrontend[HnsFrontend.ClusterIp].Template.Flags);
        Assert.Equal(["10.244.1.8", "10.244.2.8"], byFrontend[HnsFrontend.ClusterIp].BackendIps);
        foreach (var frontend in new[] { HnsFrontend.NodePort, HnsFrontend.ExternalIp, HnsFrontend.LoadBalancerIngress })
        {
            Assert.Equal(HcnFlags.LoadBalancerDsr, byFrontend[frontend].Template.Flags);
            Assert.Equal(["10.244.1.8"], byFrontend[frontend].BackendIps);
        }

        Assert.Equal(16u, byFrontend[HnsFrontend.ExternalIp].Template.PortMappings![0].Flags);
        Assert.Equal(["192.168.1.200"], byFrontend[HnsFrontend.LoadBalancerIngress].Template.FrontendVips);
    }

    [Fact]
    public void A_frontend_without_backends_gets_no_load_balancer()
    {
        Assert.Empty(HnsRenderer.Render(PlanFixtures.NoEndpoints, HnsFixtures.L2Bridge, HnsFixtures.L2BridgeOptions).LoadBalancers);
        var dropped = HnsRenderer.Render(PlanFixtures.LoadBalancerLocalNoLocalEndpoints, HnsFixtures.L2Bridge, HnsFixtures.L2BridgeOptions);
        Assert.Equal(HnsFrontend.ClusterIp, Assert.Single(dropped.LoadBalancers).Key.Frontend);
    }

    [Fact]
    public void The_ipv6_flag_is_set_for_an_ipv6_service()
    {
        var plan = PlanFixtures.ClusterIpTwoEndpoints with
        {
            Services = [PlanFixtures.ClusterIpTwoEndpoints.Services[0] with { ClusterIp = "fd00:10:96::20" }],
        };

        Assert.Equal(HcnFlags.LoadBalancerIpv6, Assert.Single(HnsRenderer.Render(plan, HnsFixtures.L2Bridge, HnsFixtures.L2BridgeOptions).LoadBalancers).Template.Flags);
    }

    [Fact]
    public void Overlay_without_a_source_vip_is_refused_as_upstream_refuses_to_start()
    {
        var error = Assert.Throws<ArgumentException>(() => new HnsOptions("vxlan0").Validate(HnsFixtures.Overlay));
        Assert.Contains("--source-vip", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_network_is_read_from_its_remote_subnet_route_policies()
    {
        var network = new HcnNetwork
        {
            Id = HnsFixtures.NetworkId,
            Name = "vxlan0",
            Type = "Overlay",
            Policies =
            [
                new HcnPolicy("RemoteSubnetRoute", JsonSerializer.SerializeToElement(new { DestinationPrefix = "10.244.2.0/24", IsolationId = 4096, ProviderAddress = "192.168.1.12", DistributedRouterMacAddress = "00-15-5d-00-00-01" })),
                new HcnPolicy("ProviderAddress", JsonSerializer.SerializeToElement(new { ProviderAddress = "192.168.1.10" })),
            ],
        };

        var read = HnsNetworkInfo.FromHcn(network);

        Assert.True(read.IsOverlay);
        Assert.Equal((HnsFixtures.NetworkId, "vxlan0"), (read.Id, read.Name));
        Assert.Equal(HnsFixtures.Overlay.RemoteSubnets, read.RemoteSubnets);
    }
}
