using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Streaming;

namespace Orchestrator.ApiServer.Tests.Streaming;

/// <summary>Where nodes/{id}/proxy/{path} goes, as upstream's node ResourceLocation decides (ids: ProxyIdTests; paths: ProxyPathTests).</summary>
public sealed class NodeProxyTargetTests
{
    [Fact]
    public void No_port_or_the_kubelet_s_port_reaches_the_kubelet_and_another_port_the_node_over_its_scheme()
    {
        var kubelet = new KubeletEndpoint("10.0.0.5", 10250);

        Assert.Equal(("http://10.0.0.5:10250/", true), Locate(kubelet, "", ""));
        Assert.Equal(("http://10.0.0.5:10250/", true), Locate(kubelet, "", "10250"));
        Assert.Equal(("http://10.0.0.5:9100/", false), Locate(kubelet, "", "9100"));
        Assert.Equal(("https://10.0.0.5:9443/", false), Locate(kubelet, "https", "9443"));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("fe80::1")]
    public void Another_port_of_a_loopback_or_link_local_node_address_is_refused(string host)
    {
        var error = Assert.Throws<ApiException>(() => NodeProxyTarget.Locate(new KubeletEndpoint(host, 10250), "", "22"));

        Assert.Equal(400, error.Code);
        Assert.Equal("address not allowed", error.Message);
    }

    [Theory]
    [InlineData("ssh")]
    [InlineData("70000")]
    public void A_port_that_is_not_a_port_number_is_a_bad_request(string port)
    {
        var error = Assert.Throws<ApiException>(() => NodeProxyTarget.Locate(new KubeletEndpoint("10.0.0.5", 10250), "", port));

        Assert.Equal(400, error.Code);
        Assert.Equal($"invalid node request port \"{port}\"", error.Message);
    }

    private static (string, bool) Locate(KubeletEndpoint kubelet, string scheme, string port)
    {
        var (url, toKubelet) = NodeProxyTarget.Locate(kubelet, scheme, port);
        return (url.ToString(), toKubelet);
    }
}
