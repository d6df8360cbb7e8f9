using Orchestrator.ControllerManager.Controllers.NodeIpam;

namespace Orchestrator.ControllerManager.Tests.Controllers.NodeIpam;

public sealed class CidrSetTests
{
    [Theory]
    [InlineData("10.244.0.0/16", 24, 256, "10.244.0.0/24,10.244.1.0/24,10.244.2.0/24")]
    [InlineData("10.0.0.0/8", 16, 256, "10.0.0.0/16,10.1.0.0/16,10.2.0.0/16")]
    [InlineData("192.168.0.0/23", 24, 2, "192.168.0.0/24,192.168.1.0/24")]
    [InlineData("10.244.7.9/16", 24, 256, "10.244.0.0/24")] // host bits of the cluster CIDR are ignored
    public void Allocations_walk_the_subnets_in_order(string cluster, int mask, int capacity, string expected)
    {
        var set = new CidrSet(cluster, mask);
        var expectedList = expected.Split(',');

        var allocated = expectedList.Select(_ => set.AllocateNext()).ToArray();

        Assert.Equal(capacity, set.Capacity);
        Assert.Equal(expectedList, allocated);
    }

    [Fact]
    public void A_full_set_allocates_nothing_until_a_subnet_is_released()
    {
        var set = new CidrSet("10.0.0.0/30", 31);
        Assert.Equal("10.0.0.0/31", set.AllocateNext());
        Assert.Equal("10.0.0.2/31", set.AllocateNext());

        Assert.Null(set.AllocateNext());

        set.Release("10.0.0.0/31");
        Assert.Equal("10.0.0.0/31", set.AllocateNext());
    }

    [Theory]
    [InlineData("10.244.1.0/24", true, "10.244.0.0/24,10.244.2.0/24")]
    [InlineData("10.245.1.0/24", false, "10.244.0.0/24,10.244.1.0/24")] // outside the cluster CIDR
    [InlineData("10.244.1.0/25", false, "10.244.0.0/24,10.244.1.0/24")] // another mask size
    [InlineData("fd00::/64", false, "10.244.0.0/24,10.244.1.0/24")]
    [InlineData("garbage", false, "10.244.0.0/24,10.244.1.0/24")]
    public void Occupied_subnets_are_skipped_and_foreign_ones_refused(string cidr, bool accepted, string expectedNext)
    {
        var set = new CidrSet("10.244.0.0/16", 24);

        Assert.Equal(accepted, set.Occupy(cidr));
        Assert.Equal(expectedNext.Split(','), new[] { set.AllocateNext(), set.AllocateNext() });
    }

    [Theory]
    [InlineData("fd00::/48", 64)]
    [InlineData("10.0.0.0/16", 8)]
    [InlineData("10.0.0.0/8", 33)]
    public void Invalid_ranges_fail_loudly(string cluster, int mask)
    {
        Assert.Throws<ArgumentException>(() => new CidrSet(cluster, mask));
    }
}
