using System.Net.Sockets;
using System.Text;
using Orchestrator.ApiMachinery.Http;

namespace Orchestrator.ApiServer.Streaming;

/// <summary>
/// An upgrade request sent to a kubelet over a fresh TCP connection, and its answer: on 101 the
/// connection is the upgraded byte stream; otherwise it carries the response body.
/// </summary>
internal sealed class KubeletUpgrade : IAsyncDisposable
{
    private readonly Socket _socket;

    private KubeletUpgrade(Socket socket, HttpResponseHead head, Stream connection)
    {
        _socket = socket;
        Head = head;
        Connection = connection;
    }

    public HttpResponseHead Head { get; }

    /// <summary>What follows the response head: the upgraded stream on 101, the body otherwise.</summary>
    public Stream Connection { get; }

    public bool Upgraded => Head.StatusCode == 101;

    /// <summary>Dials the kubelet, sends <c>{method} {pathAndQuery}</c> with <paramref name="headers"/>, reads the response head.</summary>
    public static async Task<KubeletUpgrade> SendAsync(
        KubeletEndpoint kubelet, string method, string pathAndQuery, IEnumerable<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(kubelet.Host, kubelet.Port, cancellationToken);
            var stream = new NetworkStream(socket, ownsSocket: false);
            var head = new StringBuilder()
                .Append(method).Append(' ').Append(pathAndQuery).Append(" HTTP/1.1\r\n")
                .Append("Host: ").Append(kubelet.Authority).Append("\r\n");
            foreach (var (name, value) in headers)
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }

            await stream.WriteAsync(Encoding.Latin1.GetBytes(head.Append("\r\n").ToString()), cancellationToken);
            var (response, remainder) = await HttpResponseHead.ReadAsync(stream, cancellationToken);
            return new KubeletUpgrade(socket, response, new PrefixedStream(remainder.ToArray(), stream));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Tells the kubelet nothing more will be sent (TCP half-close), keeping its direction open.</summary>
    public void CloseWrite()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // Already gone: the reading side will see the end.
        }
        catch (ObjectDisposedException)
        {
            // Disposed meanwhile.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        _socket.Dispose();
    }
}
