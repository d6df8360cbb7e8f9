using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Proxy;

namespace Orchestrator.ApiServer.Tests.Proxy;

/// <summary>The id of a proxy request, as upstream's SplitSchemeNamePort splits it.</summary>
public sealed class ProxyIdTests
{
    [Theory]
    [InlineData("web", "", "web", "")]
    [InlineData("web:80", "", "web", "80")]
    [InlineData("web:http", "", "web", "http")]
    [InlineData("https:web:8443", "https", "web", "8443")]
    [InlineData("http:web:", "http", "web", "")]
    public void Ids_name_an_object_and_optionally_a_scheme_and_port(string id, string scheme, string name, string port) =>
        Assert.Equal(new ProxyId(scheme, name, port), ProxyId.Parse(id, "service"));

    [Theory]
    [InlineData(":80", "service")]
    [InlineData("ftp:web:21", "pod")]
    [InlineData("a:b:c:d", "node")]
    public void Malformed_ids_are_upstream_s_bad_request_naming_the_kind(string id, string kind)
    {
        var error = Assert.Throws<ApiException>(() => ProxyId.Parse(id, kind));

        Assert.Equal(400, error.Code);
        Assert.Equal($"invalid {kind} request \"{id}\"", error.Message);
    }
}
