using System.Net.WebSockets;
using System.Text;

namespace Orchestrator.Kubelet.Tests.Server;

/// <summary>
/// A client of the Kubernetes WebSocket channel protocol (<c>v4.channel.k8s.io</c>, as the python
/// and C# clients speak it): every binary message starts with its channel byte.
/// </summary>
internal sealed class ChannelWebSocket : IDisposable
{
    public const string Protocol = "v4.channel.k8s.io";

    private readonly ClientWebSocket _socket = new();

    public static async Task<ChannelWebSocket> ConnectAsync(Uri uri, CancellationToken ct)
    {
        var client = new ChannelWebSocket();
        client._socket.Options.AddSubProtocol(Protocol);
        await client._socket.ConnectAsync(uri, ct);
        return client;
    }

    public string? SubProtocol => _socket.SubProtocol;

    public void Dispose() => _socket.Dispose();

    public Task SendAsync(byte channel, string text, CancellationToken ct) =>
        _socket.SendAsync((byte[])[channel, .. Encoding.UTF8.GetBytes(text)], WebSocketMessageType.Binary, true, ct);

    /// <summary>The next whole message as (channel, payload); null once the server closed.</summary>
    public async Task<(byte Channel, byte[] Data)?> ReceiveAsync(CancellationToken ct)
    {
        using var message = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                var bytes = message.ToArray();
                return bytes.Length == 0 ? throw new InvalidDataException("a message without a channel byte") : (bytes[0], bytes[1..]);
            }
        }
    }

    /// <summary>Every channel's text until the server closes.</summary>
    public async Task<Dictionary<byte, string>> ReadToCloseAsync(CancellationToken ct)
    {
        var channels = new Dictionary<byte, StringBuilder>();
        while (await ReceiveAsync(ct) is { } message)
        {
            if (!channels.TryGetValue(message.Channel, out var text))
            {
                channels[message.Channel] = text = new StringBuilder();
            }

            text.Append(Encoding.UTF8.GetString(message.Data));
        }

        return channels.ToDictionary(c => c.Key, c => c.Value.ToString());
    }
}
