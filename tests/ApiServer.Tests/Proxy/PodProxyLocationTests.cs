using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Proxy;

namespace Orchestrator.ApiServer.Tests.Proxy;

/// <summary>Where pods/{id}/proxy goes, as upstream's pod ResourceLocation decides.</summary>
public sealed class PodProxyLocationTests
{
    [Theory]
    [InlineData("web", "10.244.1.7", "8080", "http://10.244.1.7:8080/")]
    [InlineData("web:9090", "10.244.1.7", "8080", "http://10.244.1.7:9090/")]
    [InlineData("https:web:8443", "10.244.1.7", "8080", "https://10.244.1.7:8443/")]
    [InlineData("web", "10.244.1.7", null, "http://10.244.1.7/")]
    [InlineData("web:80", "fd00::7", null, "http://[fd00::7]/")]
    public void The_pod_s_first_ip_and_the_id_s_port_or_the_first_declared_port(string id, string ip, string? declaredPort, string expected)
    {
        var pod = Pod(ip, declaredPort);

        Assert.Equal(expected, PodProxyLocation.Locate(pod, ProxyId.Parse(id, "pod")).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("127.0.0.1")]
    [InlineData("169.254.1.1")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    public void A_pod_without_a_global_unicast_ip_is_address_not_allowed(string ip)
    {
        var error = Assert.Throws<ApiException>(() => PodProxyLocation.Locate(Pod(ip, "80"), ProxyId.Parse("web", "pod")));

        Assert.Equal(400, error.Code);
        Assert.Equal("address not allowed", error.Message);
    }

    [Fact]
    public void A_port_name_cannot_be_dialed_as_upstream_s_proxy_cannot()
    {
        var error = Assert.Throws<ApiException>(() => PodProxyLocation.Locate(Pod("10.0.0.9", "80"), ProxyId.Parse("web:http", "pod")));

        Assert.Equal(503, error.Code);
        Assert.StartsWith("error trying to reach service: ", error.Message, StringComparison.Ordinal);
    }

    private static JsonObject Pod(string ip, string? port) => new()
    {
        ["spec"] = new JsonObject
        {
            ["containers"] = new JsonArray(
                new JsonObject { ["name"] = "sidecar" },
                new JsonObject
                {
                    ["name"] = "web",
                    ["ports"] = port is null ? new JsonArray() : new JsonArray(new JsonObject { ["containerPort"] = int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) }),
                }),
        },
        ["status"] = ip.Length == 0 ? new JsonObject() : new JsonObject { ["podIP"] = ip, ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = ip }) },
    };
}
