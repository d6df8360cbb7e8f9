using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Orchestrator.ApiServer.Aggregation.Proxy;
using Orchestrator.ApiServer.Authentication;
using Orchestrator.ApiServer.Errors;

namespace Orchestrator.ApiServer.Tests.Aggregation.Proxy;

/// <summary>The request sent to an aggregated API server: what of the client's headers crosses, framing, the user's headers one per line.</summary>
public sealed class ForwardedRequestTests
{
    private static readonly UserInfo Jane = new("jane", "", ["devs", "system:authenticated"], new Dictionary<string, IReadOnlyList<string>> { ["scopes"] = ["a", "b"] });

    public static TheoryData<bool, long?, bool, string[]> Framing => new()
    {
        { false, null, false, ["Connection: close"] },
        { false, 12, false, ["Connection: close", "Content-Length: 12"] },
        { false, null, true, ["Connection: close", "Transfer-Encoding: chunked"] },
        { true, null, false, ["Upgrade: websocket", "Connection: Upgrade"] },
    };

    [Theory]
    [MemberData(nameof(Framing))]
    public void The_clients_end_to_end_headers_cross_with_new_framing_then_the_user_one_header_per_value(bool upgrade, long? length, bool chunked, string[] framing)
    {
        var request = new HeaderDictionary
        {
            ["Accept"] = "application/json;as=Table;v=v1;g=meta.k8s.io, application/json",
            ["User-Agent"] = "kubectl/v1.33.0",
            ["Authorization"] = "Bearer secret",
            ["Impersonate-User"] = "root",
            ["Impersonate-Group"] = new StringValues(["system:masters", "x"]),
            ["X-Remote-User"] = "forged",
            ["X-Remote-Group"] = "system:masters",
            ["X-Remote-Extra-Scopes"] = "all",
            ["Host"] = "127.0.0.1:6443",
            ["Connection"] = upgrade ? "Upgrade" : "keep-alive",
            ["Content-Length"] = "12",
            ["Transfer-Encoding"] = "chunked",
            ["Cookie"] = "session=1",
        };
        if (upgrade)
        {
            request["Upgrade"] = "websocket";
        }

        var headers = ForwardedRequest.Headers(request, Jane, upgrade, length, chunked).Select(h => $"{h.Key}: {h.Value}");

        Assert.Equal(
        [
            "Accept: application/json;as=Table;v=v1;g=meta.k8s.io, application/json",
            "User-Agent: kubectl/v1.33.0",
            .. framing,
            "X-Remote-User: jane",
            "X-Remote-Group: devs",
            "X-Remote-Group: system:authenticated",
            "X-Remote-Extra-scopes: a",
            "X-Remote-Extra-scopes: b",
        ], headers);
    }

    [Fact]
    public void The_head_has_the_request_line_host_and_each_header_on_its_own_line()
    {
        var head = ForwardedRequest.Head("GET", "/apis/wardle.example.com/v1alpha1/flunders?watch=true&resourceVersion=0", "192.0.2.7:8443",
            [new("X-Remote-Group", "devs"), new("X-Remote-Group", "system:authenticated")]);

        Assert.Equal(
            "GET /apis/wardle.example.com/v1alpha1/flunders?watch=true&resourceVersion=0 HTTP/1.1\r\nHost: 192.0.2.7:8443\r\nX-Remote-Group: devs\r\nX-Remote-Group: system:authenticated\r\n\r\n",
            Encoding.UTF8.GetString(head));
    }

    [Theory]
    [InlineData("evil\r\nX-Remote-Group: system:masters")]
    [InlineData("evil\nx")]
    [InlineData("nul\0")]
    public void A_value_that_would_break_the_head_is_refused(string user)
    {
        var error = Assert.Throws<ApiException>(() => ForwardedRequest.Head("GET", "/", "h:1", [new("X-Remote-User", user)]));

        Assert.Equal(400, error.Code);
    }
}
