using System.Net.WebSockets;
using Orchestrator.Streaming;

namespace Orchestrator.ApiServer.Streaming;

/// <summary>
/// port-forward for WebSocket clients that tunnel SPDY (kubectl 1.33: subprotocol
/// <c>SPDY/3.1+portforward.k8s.io</c>): upgrades to SPDY at the kubelet first, then accepts the
/// WebSocket with the protocol the kubelet chose and carries the SPDY bytes in binary messages both
/// ways — upstream's TunnelingHandler. A kubelet that does not upgrade answers the client directly.
/// </summary>
internal sealed partial class PortForwardTunnel(ILogger<PortForwardTunnel> logger)
{
    private const int MessageSize = 32 * 1024;

    /// <summary>True for a WebSocket request offering a SPDY tunneling protocol (upstream's IsWebSocketRequestWithTunnelingProtocol).</summary>
    public static bool Applies(HttpContext context) =>
        context.WebSockets.IsWebSocketRequest && SpdyProtocols(context).Count > 0;

    public async Task TunnelAsync(HttpContext context, KubeletEndpoint kubelet, string pathAndQuery)
    {
        var aborted = context.RequestAborted;
        var headers = UpgradeHeaders.ToKubelet(context.Request.Headers)
            .Where(h => !h.Key.StartsWith("Sec-WebSocket-", StringComparison.OrdinalIgnoreCase)
                && !string.Equals(h.Key, "Upgrade", StringComparison.OrdinalIgnoreCase)
                && !string.Equals(h.Key, StreamProtocols.VersionHeader, StringComparison.OrdinalIgnoreCase))
            .Append(KeyValuePair.Create("Upgrade", StreamProtocols.Spdy31))
            .Concat(SpdyProtocols(context).Select(p => KeyValuePair.Create(StreamProtocols.VersionHeader, p)))
            .Append(KeyValuePair.Create("Content-Length", "0"));
        await using var upstream = await kubelet.OpenUpgradeAsync("POST", pathAndQuery, headers, aborted);
        if (!upstream.Upgraded)
        {
            await UpgradeProxy.PassThroughAsync(context, upstream);
            return;
        }

        var negotiated = upstream.Head.Header(StreamProtocols.VersionHeader)?.Trim();
        using var socket = await WebSocketHandshake.AcceptAsync(context, negotiated is { Length: > 0 } ? StreamProtocols.TunnelingPrefix + negotiated : null);
        LogTunnel(logger, pathAndQuery, negotiated ?? "");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var toKubelet = ToKubeletAsync(socket, upstream, stop.Token);
        try
        {
            await ToClientAsync(upstream, socket, stop.Token);
        }
        finally
        {
            await stop.CancelAsync();
            await toKubelet;
        }
    }

    /// <summary>The requested WebSocket subprotocols that tunnel SPDY, without their "SPDY/3.1+" prefix.</summary>
    private static List<string> SpdyProtocols(HttpContext context) =>
    [
        .. context.WebSockets.WebSocketRequestedProtocols
            .Where(p => p.StartsWith(StreamProtocols.TunnelingPrefix, StringComparison.Ordinal) && p.EndsWith(".k8s.io", StringComparison.Ordinal))
            .Select(p => p[StreamProtocols.TunnelingPrefix.Length..]),
    ];

    /// <summary>Each binary message's payload goes to the kubelet as raw bytes; the client's close half-closes the kubelet connection.</summary>
    private static async Task ToKubeletAsync(WebSocket socket, UpgradeConnection upstream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MessageSize];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (result.MessageType != WebSocketMessageType.Binary)
                {
                    throw new WebSocketException("invalid message type received: the tunnel carries binary messages only");
                }

                await upstream.Connection.WriteAsync(buffer.AsMemory(0, result.Count), cancellationToken);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the tunnel is over.
        }

        upstream.CloseWrite();
    }

    /// <summary>The kubelet's bytes as binary messages, one per read; its end closes the WebSocket normally.</summary>
    private static async Task ToClientAsync(UpgradeConnection upstream, WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[MessageSize];
        try
        {
            int read;
            while ((read = await upstream.Connection.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await socket.SendAsync(buffer.AsMemory(0, read), WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
            }

            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", cancellationToken);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
        {
            // Either side dropped the connection: the tunnel is over.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Tunneling SPDY for {Path} over WebSocket, kubelet protocol {Protocol}")]
    private static partial void LogTunnel(ILogger logger, string path, string protocol);
}
