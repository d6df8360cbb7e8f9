using Orchestrator.Kubelet.Runtime.Containerd;

namespace Orchestrator.Kubelet.Tests.Runtime.Containerd;

public sealed class Ipv4CidrTests
{
    [Theory]
    [InlineData("10.244.0.7/24", "10.244.0.0/24", "10.244.0.1")]
    [InlineData("10.0.0.0/8", "10.0.0.0/8", "10.0.0.1")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0", "0.0.0.1")]
    [InlineData("1.2.3.4/32", "1.2.3.4/32", "1.2.3.5")]
    public void Parses_and_normalises(string text, string normal, string firstHost)
    {
        var cidr = Ipv4Cidr.Parse(text);

        Assert.Equal(normal, cidr.ToString());
        Assert.Equal(firstHost, cidr.FirstHost);
    }

    [Theory]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0/8")]
    [InlineData("fd00::/64")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("x/8")]
    public void Rejects_anything_but_ipv4_cidr(string text) => Assert.False(Ipv4Cidr.TryParse(text, out _));

    [Theory]
    [InlineData("10.64.0.0/16", "10.64.7.0/24", true)]
    [InlineData("10.64.7.0/24", "10.64.0.0/16", true)]
    [InlineData("10.64.0.0/16", "10.65.0.0/16", false)]
    [InlineData("10.64.1.0/24", "10.64.2.0/24", false)]
    [InlineData("0.0.0.0/0", "10.1.1.1/32", true)]
    public void Overlaps(string a, string b, bool overlap) => Assert.Equal(overlap, Ipv4Cidr.Parse(a).Overlaps(Ipv4Cidr.Parse(b)));
}
