using Orchestrator.ApiServer.Proxy;

namespace Orchestrator.ApiServer.Tests.Proxy;

/// <summary>URLs from the backend moved under the proxy prefix, as upstream's proxy Transport.rewriteURL moves them.</summary>
public sealed class ProxyUrlRewriterTests
{
    private const string Prefix = "/api/v1/namespaces/default/services/web:80/proxy";
    private static readonly ProxyUrlRewriter Rewriter = new(Prefix, "10.244.0.5:80", "127.0.0.1:8001");

    [Theory]
    [InlineData("/login", Prefix + "/login")]
    [InlineData("/dir/", Prefix + "/dir/")]
    [InlineData("/", Prefix + "/")]
    [InlineData("/a/../b?x=1#top", Prefix + "/b?x=1#top")]
    [InlineData("http://10.244.0.5:80/login?next=/", Prefix + "/login?next=/")]
    [InlineData("//10.244.0.5:80/x", Prefix + "/x")]
    [InlineData("http://127.0.0.1:8001/login", "http://127.0.0.1:8001" + Prefix + "/login")]
    [InlineData(Prefix + "/already", Prefix + "/already")]
    public void Absolute_paths_on_the_backend_or_the_client_s_host_go_under_the_prefix(string url, string expected) =>
        Assert.Equal(expected, Rewriter.Rewrite(url));

    [Theory]
    [InlineData("login")]
    [InlineData("../up")]
    [InlineData("https://example.com/login")]
    [InlineData("http://10.244.0.6:80/other-pod")]
    [InlineData("mailto:someone@example.com")]
    [InlineData("#anchor")]
    public void Relative_urls_and_other_hosts_are_left_alone(string url) =>
        Assert.Equal(url, Rewriter.Rewrite(url));
}
