using Orchestrator.Kubelet.Runtime.Containerd;

namespace Orchestrator.Kubelet.Tests.Runtime.Containerd;

public sealed class NetworkAllocatorTests
{
    private const string IpAddr = """
        1: lo    inet 127.0.0.1/8 scope host lo\       valid_lft forever preferred_lft forever
        4: eth0    inet 192.0.2.2/24 brd 192.0.2.255 scope global eth0\       valid_lft forever preferred_lft forever
        9: orcab12cd34    inet 10.64.7.1/24 brd 10.64.7.255 scope global orcab12cd34\       valid_lft forever preferred_lft forever
        """;

    private const string IpRoute = """
        default via 192.0.2.1 dev eth0
        10.65.0.0/16 dev crip0 proto kernel scope link src 10.65.0.1
        10.66.3.4 dev tun0 scope link
        192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.2
        """;

    [Fact]
    public void Parses_networks_from_ip_addr_and_ip_route()
    {
        var networks = NetworkAllocator.ParseNetworks(IpAddr + "\n" + IpRoute).Select(n => n.ToString());

        Assert.Equal(
            ["127.0.0.0/8", "192.0.2.0/24", "10.64.7.0/24", "10.65.0.0/16", "10.66.3.4/32", "192.0.2.0/24"],
            networks);
    }

    [Theory]
    [InlineData(16, 0, "10.64.0.0/16")]
    [InlineData(16, 186, "10.250.0.0/16")]
    [InlineData(24, 0, "10.64.0.0/24")]
    [InlineData(24, 257, "10.65.1.0/24")]
    [InlineData(24, 187 * 256 - 1, "10.250.255.0/24")]
    public void Candidates_cover_10_64_to_10_250(int prefix, int index, string expected) =>
        Assert.Equal(expected, NetworkAllocator.Candidate(prefix, index).ToString());

    [Theory]
    [InlineData(16, 0, "10.67.0.0/16")]
    [InlineData(16, 186, "10.250.0.0/16")]
    [InlineData(24, 7, "10.64.8.0/24")]
    [InlineData(24, 256, "10.66.0.0/24")]
    [InlineData(24, 256 * 2 + 3, "10.66.4.0/24")]
    public void Free_candidates_skip_every_overlap(int prefix, int start, string expected)
    {
        var inUse = NetworkAllocator.ParseNetworks(IpAddr + "\n" + IpRoute);

        Assert.Equal(expected, NetworkAllocator.FreeCandidates(inUse, prefix, start).First().ToString());
    }

    [Fact]
    public void Free_candidates_wrap_around_from_the_start()
    {
        var inUse = new[] { Ipv4Cidr.Parse("10.250.0.0/16") };

        Assert.Equal("10.64.0.0/16", NetworkAllocator.FreeCandidates(inUse, 16, 186).First().ToString());
    }

    [Fact]
    public void Only_16_and_24_are_allocated() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NetworkAllocator.CandidateCount(20));

    [Fact]
    public async Task Reservations_exclude_each_other_and_release_on_dispose()
    {
        using var first = await NetworkAllocator.ReserveAsync(24);
        Assert.Contains(first.Cidr, SubnetReservation.Live());
        Assert.Null(SubnetReservation.TryTake(first.Cidr));

        first.Dispose();

        using var again = SubnetReservation.TryTake(first.Cidr);
        Assert.NotNull(again);
    }
}
