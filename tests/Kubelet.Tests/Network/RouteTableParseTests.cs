using Orchestrator.Kubelet.Network;

namespace Orchestrator.Kubelet.Tests.Network;

public sealed class RouteTableParseTests
{
    private const string Output = """
        default via 10.200.0.1 dev eth0
        10.200.0.0/24 dev eth0 proto kernel scope link src 10.200.0.2
        10.244.1.0/24 dev orc1a2b3c4d proto kernel scope link src 10.244.1.1
        10.244.2.0/24 via 10.200.0.3 dev eth0 proto 149
        10.9.9.9 via 10.200.0.4 dev eth0
        unreachable 10.66.0.0/16
        blackhole 10.67.0.0/16 proto 149

        """;

    [Fact]
    public void ParseRoutes_reads_destination_and_gateway_of_gateway_routes_only()
    {
        var routes = RouteTable.ParseRoutes(Output).Select(r => r.ToString()).ToList();

        Assert.Equal(["0.0.0.0/0 via 10.200.0.1", "10.244.2.0/24 via 10.200.0.3", "10.9.9.9/32 via 10.200.0.4"], routes);
    }

    [Fact]
    public void ParseDestinations_reads_every_route_line_including_typed_ones()
    {
        var destinations = RouteTable.ParseDestinations(Output).Select(d => d.ToString()).ToList();

        Assert.Equal(["0.0.0.0/0", "10.200.0.0/24", "10.244.1.0/24", "10.244.2.0/24", "10.9.9.9/32", "10.66.0.0/16", "10.67.0.0/16"], destinations);
    }

    [Fact]
    public void The_protocol_marker_is_0x95()
    {
        Assert.Equal(149, RouteTable.Protocol);
    }
}
