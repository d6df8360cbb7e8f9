using Orchestrator.ApiServer.Aggregation.Proxy;
using Orchestrator.ApiServer.Authentication;

namespace Orchestrator.ApiServer.Tests.Aggregation.Proxy;

/// <summary>The front-proxy headers (client-go's SetAuthProxyHeaders) and what of the client's request is dropped.</summary>
public sealed class ProxyHeadersTests
{
    [Fact]
    public void The_user_goes_in_one_user_header_one_group_header_per_group_and_one_extra_header_per_value()
    {
        var user = new UserInfo("jane", "uid-1", ["developers", "system:authenticated"], new Dictionary<string, IReadOnlyList<string>>
        {
            ["scopes"] = ["view", "edit"],
            ["authentication.kubernetes.io/pod-name"] = ["web-0"],
        });

        var headers = ProxyHeaders.For(user);

        Assert.Equal(
        [
            new("X-Remote-User", "jane"),
            new("X-Remote-Group", "developers"),
            new("X-Remote-Group", "system:authenticated"),
            new("X-Remote-Extra-authentication.kubernetes.io%2Fpod-name", "web-0"),
            new("X-Remote-Extra-scopes", "view"),
            new("X-Remote-Extra-scopes", "edit"),
        ], headers);
    }

    [Theory]
    [InlineData("scopes", "scopes")]
    [InlineData("example.org/key", "example.org%2Fkey")]
    [InlineData("100%", "100%25")]
    [InlineData("a b", "a%20b")]
    [InlineData("ключ", "%D0%BA%D0%BB%D1%8E%D1%87")]
    [InlineData("!#$&'*+-.^_`|~", "!#$&'*+-.^_`|~")]
    public void Extra_keys_are_percent_escaped_outside_the_header_token_bytes(string key, string expected)
    {
        Assert.Equal(expected, ProxyHeaders.EscapeKey(key));
    }

    [Theory]
    [InlineData("Authorization", true)]
    [InlineData("authorization", true)]
    [InlineData("Impersonate-User", true)]
    [InlineData("Impersonate-Group", true)]
    [InlineData("Impersonate-Extra-scopes", true)]
    [InlineData("X-Remote-User", true)]
    [InlineData("x-remote-group", true)]
    [InlineData("X-Remote-Uid", true)]
    [InlineData("X-Remote-Extra-Scopes", true)]
    [InlineData("Accept", false)]
    [InlineData("Content-Type", false)]
    [InlineData("User-Agent", false)]
    [InlineData("X-Remote-Usera", false)]
    public void The_clients_credentials_impersonation_and_made_up_remote_headers_are_stripped(string header, bool stripped)
    {
        Assert.Equal(stripped, ProxyHeaders.IsStripped(header));
    }
}
