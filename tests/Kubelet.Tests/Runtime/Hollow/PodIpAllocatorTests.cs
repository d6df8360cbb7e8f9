using Orchestrator.Kubelet.Runtime.Hollow;

namespace Orchestrator.Kubelet.Tests.Runtime.Hollow;

public sealed class PodIpAllocatorTests
{
    [Fact]
    public void Hands_out_distinct_hosts_skipping_network_gateway_and_broadcast()
    {
        var allocator = new PodIpAllocator("10.244.3.0/24");
        var ips = Enumerable.Range(0, 253).Select(i => allocator.Allocate("pod-" + i)).ToList();
        Assert.Equal("10.244.3.2", ips[0]);
        Assert.Equal(253, ips.Distinct().Count());
        Assert.DoesNotContain("10.244.3.0", ips);
        Assert.DoesNotContain("10.244.3.1", ips);
        Assert.DoesNotContain("10.244.3.255", ips);
        Assert.Null(allocator.Allocate("one-too-many"));
    }

    [Fact]
    public void Same_pod_gets_same_ip_and_released_ips_are_reused()
    {
        var allocator = new PodIpAllocator("10.244.0.0/30");
        var first = allocator.Allocate("a");
        Assert.Equal(first, allocator.Allocate("a"));
        Assert.Null(allocator.Allocate("b"));
        allocator.Release("a");
        Assert.Equal(first, allocator.Allocate("b"));
    }

    [Theory]
    [InlineData("10.244.1.7", "10.244.1.7")]
    [InlineData("10.9.9.9", "10.244.1.2")]
    [InlineData("10.244.1.1", "10.244.1.2")]
    public void Preferred_ip_is_kept_when_inside_the_range(string preferred, string expected)
    {
        var allocator = new PodIpAllocator("10.244.1.0/24");
        Assert.Equal(expected, allocator.Allocate("p", preferred));
    }

    [Theory]
    [InlineData("10.244.1.0")]
    [InlineData("fd00::/64")]
    [InlineData("10.0.0.0/8")]
    public void Rejects_unsupported_ranges(string cidr) =>
        Assert.Throws<ArgumentException>(() => new PodIpAllocator(cidr));
}
