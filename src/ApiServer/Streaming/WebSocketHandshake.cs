using System.Net.WebSockets;

namespace Orchestrator.ApiServer.Streaming;

/// <summary>
/// Accepts a WebSocket by hand (RFC 6455 §4.2.2). Needed for subprotocols such as
/// "SPDY/3.1+portforward.k8s.io": ASP.NET Core's accept rejects a '/' in a subprotocol (not an
/// RFC 7230 token), yet that is the name kubectl and kube-apiserver use.
/// </summary>
internal static class WebSocketHandshake
{
    private const string Magic = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    public static async Task<WebSocket> AcceptAsync(HttpContext context, string? subProtocol)
    {
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        var key = context.Request.Headers["Sec-WebSocket-Key"].ToString();
        if (upgrade is not { IsUpgradableRequest: true } || key.Length == 0)
        {
            throw new InvalidOperationException("not a WebSocket upgrade request");
        }

        context.Response.Headers.Upgrade = "websocket";
        context.Response.Headers["Sec-WebSocket-Accept"] = AcceptKey(key);
        if (subProtocol is not null)
        {
            context.Response.Headers.SecWebSocketProtocol = subProtocol;
        }

        var stream = await upgrade.UpgradeAsync();
        return WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.FromSeconds(30) });
    }

    /// <summary>base64(SHA-1(key + the RFC's GUID)).</summary>
    public static string AcceptKey(string key) => Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + Magic)));
}
