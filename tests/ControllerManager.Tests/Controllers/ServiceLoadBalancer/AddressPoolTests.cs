using Orchestrator.ControllerManager.Controllers.ServiceLoadBalancer;

namespace Orchestrator.ControllerManager.Tests.Controllers.ServiceLoadBalancer;

public sealed class AddressPoolTests
{
    [Theory]
    [InlineData("192.168.1.240/30", "192.168.1.240,192.168.1.241,192.168.1.242,192.168.1.243")]
    [InlineData("10.0.0.5-10.0.0.7", "10.0.0.5,10.0.0.6,10.0.0.7")]
    [InlineData("10.0.0.9/32, 10.0.0.1 - 10.0.0.2", "10.0.0.9,10.0.0.1,10.0.0.2")]
    [InlineData("10.0.0.4", "10.0.0.4")]
    [InlineData("10.0.0.255-10.0.1.0", "10.0.0.255,10.0.1.0")]
    public void Lists_every_address_of_its_cidrs_and_ranges_in_the_order_written(string text, string expected) =>
        Assert.Equal(expected.Split(','), AddressPool.Parse(text).Addresses());

    [Theory]
    [InlineData("")]
    [InlineData("nodes")]
    [InlineData("10.0.0.1/24")] // host bits set
    [InlineData("fd00::/120")]
    [InlineData("10.0.0.9-10.0.0.1")]
    [InlineData("10.0.0.1-x")]
    [InlineData("10.1")]
    public void Refuses_what_is_not_an_ipv4_cidr_or_range(string text) =>
        Assert.Throws<FormatException>(() => AddressPool.Parse(text));

    [Theory]
    [InlineData("10.0.0.8", true)]
    [InlineData("10.0.0.15", true)]
    [InlineData("10.0.0.16", false)]
    [InlineData("10.0.1.1", true)]
    [InlineData("not-an-ip", false)]
    public void Contains_only_its_own_addresses(string address, bool expected) =>
        Assert.Equal(expected, AddressPool.Parse("10.0.0.8/29,10.0.1.1-10.0.1.3").Contains(address));

    [Fact]
    public void The_whole_ipv4_space_is_not_enumerated_eagerly()
    {
        var pool = AddressPool.Parse("0.0.0.0/0");
        Assert.Equal(["0.0.0.0", "0.0.0.1"], pool.Addresses().Take(2));
        Assert.True(pool.Contains("255.255.255.255"));
    }
}
