using Microsoft.AspNetCore.Http;
using Orchestrator.ApiServer.Authentication;

namespace Orchestrator.ApiServer.Tests.Authentication;

public sealed class WebSocketBearerProtocolTests
{
    // "my-token" as unpadded base64url is "bXktdG9rZW4".
    [Theory]
    [InlineData("v5.channel.k8s.io, base64url.bearer.authorization.k8s.io.bXktdG9rZW4", true, "my-token", null, "v5.channel.k8s.io")]
    [InlineData("base64url.bearer.authorization.k8s.io.bXktdG9rZW4,v4.channel.k8s.io", true, "my-token", null, "v4.channel.k8s.io")]
    [InlineData("v5.channel.k8s.io", true, null, null, "v5.channel.k8s.io")]
    [InlineData("base64url.bearer.authorization.k8s.io.bXktdG9rZW4", false, null, null, "")]
    [InlineData("base64url.bearer.authorization.k8s.io.@@@", true, null, "invalid base64.bearer.authorization token encoding", "")]
    [InlineData("base64url.bearer.authorization.k8s.io.YQ, base64url.bearer.authorization.k8s.io.Yg", true, null, "multiple base64.bearer.authorization tokens specified", "")]
    public void The_bearer_subprotocol_of_a_websocket_upgrade_is_its_token(string protocols, bool upgrade, string? token, string? error, string remaining)
    {
        var request = new DefaultHttpContext().Request;
        request.Headers.SecWebSocketProtocol = protocols;
        if (upgrade)
        {
            request.Headers.Connection = "Upgrade";
            request.Headers.Upgrade = "websocket";
        }

        var read = WebSocketBearerProtocol.Read(request, out var readError, out var others);

        Assert.Equal(token, read);
        Assert.Equal(error, readError);
        Assert.Equal(remaining, others);
    }
}
