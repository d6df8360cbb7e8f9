using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Streaming;

namespace Orchestrator.ApiServer.Tests.Streaming;

/// <summary>Where nodes/{id}/proxy/{path} goes, as upstream's SplitSchemeNamePort and node ResourceLocation decide.</summary>
public sealed class NodeProxyTargetTests
{
    [Theory]
    [InlineData("node-1", "", "node-1", "")]
    [InlineData("node-1:10255", "", "node-1", "10255")]
    [InlineData("https:node-1:8443", "https", "node-1", "8443")]
    [InlineData("http:node-1:", "http", "node-1", "")]
    public void Ids_name_a_node_and_optionally_a_scheme_and_port(string id, string scheme, string name, string port) =>
        Assert.Equal((scheme, name, port), NodeProxyTarget.Parse(id));

    [Theory]
    [InlineData(":10250")]
    [InlineData("ftp:node-1:21")]
    [InlineData("a:b:c:d")]
    public void Malformed_ids_are_upstream_s_bad_request(string id)
    {
        var error = Assert.Throws<ApiException>(() => NodeProxyTarget.Parse(id));

        Assert.Equal(400, error.Code);
        Assert.Equal($"invalid node request \"{id}\"", error.Message);
    }

    [Theory]
    [InlineData(new[] { "stats", "summary" }, "/stats/summary")]
    [InlineData(new string[0], "/")]
    [InlineData(new[] { "a", "..", "..", "metrics", ".", "resource", "" }, "/metrics/resource")]
    [InlineData(new[] { "logs", "a b" }, "/logs/a%20b")]
    public void The_path_is_cleaned_as_go_s_path_join_cleans_it(string[] segments, string expected) =>
        Assert.Equal(expected, NodeProxyTarget.CleanPath(segments));

    [Fact]
    public void No_port_or_the_kubelet_s_port_reaches_the_kubelet_and_another_port_the_node_over_its_scheme()
    {
        var kubelet = new KubeletEndpoint("10.0.0.5", 10250);

        Assert.Equal(("http://10.0.0.5:10250/stats/summary", true), Locate(kubelet, "", "", "/stats/summary"));
        Assert.Equal(("http://10.0.0.5:10250/healthz", true), Locate(kubelet, "", "10250", "/healthz"));
        Assert.Equal(("http://10.0.0.5:9100/metrics", false), Locate(kubelet, "", "9100", "/metrics"));
        Assert.Equal(("https://10.0.0.5:9443/metrics?x=1", false), Locate(kubelet, "https", "9443", "/metrics?x=1"));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("fe80::1")]
    public void Another_port_of_a_loopback_or_link_local_node_address_is_refused(string host)
    {
        var error = Assert.Throws<ApiException>(() => NodeProxyTarget.Locate(new KubeletEndpoint(host, 10250), "", "22", "/"));

        Assert.Equal(400, error.Code);
        Assert.Equal("address not allowed", error.Message);
    }

    private static (string, bool) Locate(KubeletEndpoint kubelet, string scheme, string port, string path)
    {
        var (url, toKubelet) = NodeProxyTarget.Locate(kubelet, scheme, port, path);
        return (url.ToString(), toKubelet);
    }
}
