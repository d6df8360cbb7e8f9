using System.Net;
using Orchestrator.ApiServer.ControlPlane;

namespace Orchestrator.ApiServer.Tests.ControlPlane;

public sealed class AdvertiseAddressTests
{
    [Theory]
    [InlineData("203.0.113.5", "127.0.0.1", "10.0.0.2", "203.0.113.5")] // configured wins
    [InlineData(null, "10.1.2.3", "10.0.0.2", "10.1.2.3")] // a specific bind address
    [InlineData(null, "127.0.0.1", "10.0.0.2", "10.0.0.2")] // loopback bind: the default-route address
    [InlineData(null, "0.0.0.0", "10.0.0.2", "10.0.0.2")] // every address: the default-route address
    [InlineData(null, "::", "10.0.0.2", "10.0.0.2")]
    [InlineData(null, "0.0.0.0", null, "127.0.0.1")] // no default route: loopback
    public void Chooses_configured_then_specific_bind_then_default_route_then_loopback(string? configured, string bind, string? defaultRoute, string expected)
    {
        var chosen = AdvertiseAddress.Choose(
            configured is null ? null : IPAddress.Parse(configured),
            IPAddress.Parse(bind),
            () => defaultRoute is null ? null : IPAddress.Parse(defaultRoute));

        Assert.Equal(IPAddress.Parse(expected), chosen);
    }
}
