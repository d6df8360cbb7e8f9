using k8s.Models;
using Orchestrator.ApiMachinery.Dns;
using Orchestrator.Kubelet.Pods.Dns;

namespace Orchestrator.Kubelet.Tests.Pods.Dns;

public sealed class PodDnsConfigurerTests
{
    private static readonly ResolvConf Host = ResolvConf.Parse("""
        # host resolver
        nameserver 192.168.1.1
        nameserver 192.168.1.2
        search corp.example. lab.example
        options edns0 ndots:2
        """);

    private static readonly PodDnsConfigurer Configurer = new(["10.96.0.10"], "cluster.local", Host);

    public static TheoryData<string?, bool, string, string, string> Policies => new()
    {
        { null, false, "10.96.0.10", "web.svc.cluster.local svc.cluster.local cluster.local corp.example lab.example", "ndots:5" },
        { "ClusterFirst", false, "10.96.0.10", "web.svc.cluster.local svc.cluster.local cluster.local corp.example lab.example", "ndots:5" },
        // A hostNetwork pod with ClusterFirst falls back to the host's DNS; ClusterFirstWithHostNet keeps cluster DNS.
        { "ClusterFirst", true, "192.168.1.1 192.168.1.2", "corp.example lab.example", "edns0 ndots:2" },
        { "ClusterFirstWithHostNet", true, "10.96.0.10", "web.svc.cluster.local svc.cluster.local cluster.local corp.example lab.example", "ndots:5" },
        { "Default", false, "192.168.1.1 192.168.1.2", "corp.example lab.example", "edns0 ndots:2" },
        { "None", false, "", "", "" },
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public void PolicyChoosesClusterOrHostDns(string? policy, bool hostNetwork, string servers, string searches, string options)
    {
        var settings = Configurer.Configure(new V1PodSpec { DnsPolicy = policy, HostNetwork = hostNetwork }, "web");

        Assert.Equal((servers, searches, options), Describe(settings));
    }

    [Fact]
    public void WithoutClusterDnsClusterFirstFallsBackToTheHost()
    {
        var settings = new PodDnsConfigurer([], "cluster.local", Host).Configure(new V1PodSpec { DnsPolicy = "ClusterFirst" }, "web");

        Assert.Equal(("192.168.1.1 192.168.1.2", "corp.example lab.example", "edns0 ndots:2"), Describe(settings));
    }

    [Fact]
    public void DnsConfigIsMergedWithoutDuplicatesAndOptionsByName()
    {
        var spec = new V1PodSpec
        {
            DnsPolicy = "ClusterFirst",
            DnsConfig = new V1PodDNSConfig
            {
                Nameservers = ["10.96.0.10", "1.1.1.1"],
                Searches = ["svc.cluster.local", "extra.example"],
                Options = [new V1PodDNSConfigOption { Name = "ndots", Value = "2" }, new V1PodDNSConfigOption { Name = "single-request" }],
            },
        };

        Assert.Equal(
            ("10.96.0.10 1.1.1.1", "web.svc.cluster.local svc.cluster.local cluster.local corp.example lab.example extra.example", "ndots:2 single-request"),
            Describe(Configurer.Configure(spec, "web")));
    }

    [Fact]
    public void NoneTakesOnlyTheDnsConfig()
    {
        var spec = new V1PodSpec { DnsPolicy = "None", DnsConfig = new V1PodDNSConfig { Nameservers = ["9.9.9.9"], Searches = ["a.example"], Options = [new V1PodDNSConfigOption { Name = "ndots", Value = "1" }] } };

        Assert.Equal(("9.9.9.9", "a.example", "ndots:1"), Describe(Configurer.Configure(spec, "web")));
    }

    [Fact]
    public void ResolverLimitsCutServersAndSearches()
    {
        var spec = new V1PodSpec
        {
            DnsPolicy = "None",
            DnsConfig = new V1PodDNSConfig
            {
                Nameservers = ["1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4"],
                Searches = [.. Enumerable.Range(0, 40).Select(i => $"d{i}.example"), "d0.example"],
            },
        };

        var settings = Configurer.Configure(spec, "web");

        Assert.Equal(3, settings.Servers.Count);
        Assert.Equal(PodDnsConfigurer.MaxSearchDomains, settings.Searches.Count);
        Assert.Equal("d31.example", settings.Searches[^1]);
    }

    [Fact]
    public void SearchListIsCutAt2048Characters()
    {
        var spec = new V1PodSpec { DnsPolicy = "None", DnsConfig = new V1PodDNSConfig { Searches = [.. Enumerable.Range(0, 10).Select(i => new string((char)('a' + i), 250))] } };

        var settings = Configurer.Configure(spec, "web");

        Assert.Equal(8, settings.Searches.Count);
        Assert.True(string.Join(' ', settings.Searches).Length <= PodDnsConfigurer.MaxSearchChars);
    }

    [Fact]
    public void UnknownPolicyIsRefused() =>
        Assert.Throws<ArgumentException>(() => Configurer.Configure(new V1PodSpec { DnsPolicy = "Sometimes" }, "web"));

    private static (string, string, string) Describe(PodDnsSettings s) =>
        (string.Join(' ', s.Servers), string.Join(' ', s.Searches), string.Join(' ', s.Options));
}
