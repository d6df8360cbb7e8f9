using Orchestrator.ApiMachinery.Dns;

namespace Orchestrator.ApiMachinery.Tests.Dns;

public sealed class ResolvConfTests
{
    [Fact]
    public void ParsesNameserversLastSearchLineAndOptionsMergedByName()
    {
        var conf = ResolvConf.Parse("nameserver 10.0.0.1 # primary\n;comment\nsearch old.example\nsearch a.example. . b.example\noptions ndots:1 edns0\noptions ndots:3\ndomain ignored.example\nnameserver 10.0.0.2\n");

        Assert.Equal(["10.0.0.1", "10.0.0.2"], conf.Nameservers);
        Assert.Equal(["a.example", "b.example"], conf.Searches);
        Assert.Equal(["ndots:3", "edns0"], conf.Options);
    }

    [Fact]
    public void MissingFileIsEmpty() =>
        Assert.Same(ResolvConf.Empty, ResolvConf.Read("/nonexistent/resolv.conf"));
}
