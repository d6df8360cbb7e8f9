using System.Net.Sockets;
using System.Text;

namespace Orchestrator.Kubelet.Tests.Server;

/// <summary>A bare HTTP/1.1 connection, to send upgrade requests exactly as kubectl's SPDY dialer does and read raw bytes back.</summary>
internal sealed class RawHttpClient : IDisposable
{
    private readonly TcpClient _tcp;

    private RawHttpClient(TcpClient tcp)
    {
        _tcp = tcp;
        Stream = tcp.GetStream();
    }

    public NetworkStream Stream { get; }

    public static async Task<RawHttpClient> ConnectAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        return new RawHttpClient(tcp);
    }

    public void Dispose() => _tcp.Dispose();

    public async Task SendAsync(string text) => await Stream.WriteAsync(Encoding.ASCII.GetBytes(text));

    /// <summary>Reads a response head (through the blank line), byte by byte so nothing after it is consumed.</summary>
    public async Task<string> ReadHeadAsync()
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await Stream.ReadAsync(one) == 0)
            {
                throw new EndOfStreamException("closed before the end of the response head: " + head);
            }

            head.Append((char)one[0]);
        }

        return head.ToString();
    }

    public async Task<string> ReadExactlyAsync(int length)
    {
        var buffer = new byte[length];
        await Stream.ReadExactlyAsync(buffer);
        return Encoding.ASCII.GetString(buffer);
    }

    public async Task<string> ReadToEndAsync()
    {
        using var reader = new StreamReader(Stream, Encoding.ASCII, leaveOpen: true);
        return await reader.ReadToEndAsync();
    }
}
