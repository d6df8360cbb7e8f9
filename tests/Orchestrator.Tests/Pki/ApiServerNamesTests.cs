using System.Net;
using Orchestrator.Host.Pki;

namespace Orchestrator.Orchestrator.Tests.Pki;

public sealed class ApiServerNamesTests
{
    private static readonly IPAddress[] Interfaces = [IPAddress.Parse("192.0.2.2"), IPAddress.Parse("fd00::2")];

    [Theory]
    [InlineData("0.0.0.0", null, new[] { "127.0.0.1", "10.96.0.1", "192.0.2.2", "fd00::2" })]
    [InlineData("0.0.0.0", "203.0.113.9", new[] { "127.0.0.1", "10.96.0.1", "203.0.113.9", "192.0.2.2", "fd00::2" })]
    [InlineData("127.0.0.1", null, new[] { "127.0.0.1", "10.96.0.1" })]
    [InlineData("192.0.2.2", "203.0.113.9", new[] { "127.0.0.1", "10.96.0.1", "192.0.2.2", "203.0.113.9" })]
    public void The_serving_certificate_names_every_address_a_client_can_reach_the_server_on(string bind, string? advertise, string[] expected)
    {
        var names = ApiServerNames.Compute("host-1", IPAddress.Parse(bind), advertise is null ? null : IPAddress.Parse(advertise), Interfaces);

        Assert.Equal(expected, names.Addresses.Select(a => a.ToString()));
    }

    [Fact]
    public void The_in_cluster_names_localhost_and_the_host_name_are_always_there()
    {
        var names = ApiServerNames.Compute("host-1", IPAddress.Any, null, []);

        Assert.Equal(["localhost", "host-1", "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"], names.DnsNames);
    }

    [Fact]
    public void Interface_addresses_leave_out_ipv6_link_local_ones()
    {
        Assert.DoesNotContain(ApiServerNames.InterfaceAddresses(), a => a.IsIPv6LinkLocal);
        Assert.Contains(IPAddress.Loopback, ApiServerNames.InterfaceAddresses());
    }
}
