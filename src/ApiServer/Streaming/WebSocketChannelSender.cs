using System.Net.WebSockets;

namespace Orchestrator.ApiServer.Streaming;

/// <summary>
/// Sends channel-prefixed binary messages on a WebSocket from several pumps at once (a WebSocket
/// allows one sender at a time): <c>[channel, payload…]</c>.
/// </summary>
internal sealed class WebSocketChannelSender(WebSocket socket) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    public async Task SendAsync(byte channel, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var message = new byte[payload.Length + 1];
        message[0] = channel;
        payload.CopyTo(message.AsMemory(1));
        await _lock.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(message, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>A normal-closure close frame, after whatever is being sent.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", cancellationToken);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();
}
