using Orchestrator.ApiServer.Proxy;

namespace Orchestrator.ApiServer.Tests.Proxy;

/// <summary>The backend path of a proxy request: upstream's JoinPreserveTrailingSlash and the redirect of a bare root.</summary>
public sealed class ProxyPathTests
{
    [Theory]
    [InlineData(new[] { "stats", "summary" }, false, "/stats/summary")]
    [InlineData(new[] { "dir" }, true, "/dir/")]
    [InlineData(new string[0], true, "/")]
    [InlineData(new string[0], false, "")]
    [InlineData(new[] { "a", "..", "..", "metrics", ".", "resource" }, false, "/metrics/resource")]
    [InlineData(new[] { "..", ".." }, true, "/")]
    [InlineData(new[] { "logs", "a b", "x:y@z", "q?" }, false, "/logs/a%20b/x:y@z/q%3F")]
    [InlineData(new[] { "caf\u00e9" }, false, "/caf%C3%A9")]
    public void The_rest_of_the_path_is_cleaned_and_keeps_its_trailing_slash(string[] segments, bool trailingSlash, string expected) =>
        Assert.Equal(expected, ProxyPath.Backend(segments, trailingSlash));

    [Theory]
    [InlineData("", "GET", true)]
    [InlineData("", "HEAD", true)]
    [InlineData("", "POST", false)]
    [InlineData("/", "GET", false)]
    [InlineData("/index.html", "GET", false)]
    public void Only_a_bare_root_read_with_get_or_head_is_redirected(string backendPath, string method, bool redirects) =>
        Assert.Equal(redirects, ProxyPath.RedirectsToSlash(backendPath, method));
}
