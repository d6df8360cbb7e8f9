using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Orchestrator.ApiMachinery.Http;

namespace Orchestrator.Streaming;

/// <summary>
/// An HTTP/1.1 request that asks to switch protocols (SPDY/3.1 or WebSocket), sent over a fresh TCP
/// connection (TLS when asked), and its answer: on 101 <see cref="Connection"/> is the upgraded byte stream, otherwise
/// it carries the response body (read it with <see cref="HttpBody"/>). How the API server reaches a
/// kubelet and the kubelet its runtime's streaming server for exec, attach and port-forward, as
/// upstream's UpgradeAwareHandler does; neither looks inside the upgraded stream.
/// </summary>
public sealed partial class UpgradeConnection : IAsyncDisposable
{
    private readonly Socket _socket;

    private UpgradeConnection(Socket socket, HttpResponseHead head, Stream connection)
    {
        _socket = socket;
        Head = head;
        Connection = connection;
    }

    /// <summary>The status line and headers of the answer.</summary>
    public HttpResponseHead Head { get; }

    /// <summary>What follows the response head: the upgraded stream on 101, the body otherwise.</summary>
    public Stream Connection { get; }

    /// <summary>True when the peer switched protocols (101).</summary>
    public bool Upgraded => Head.StatusCode == 101;

    /// <summary>
    /// Dials <paramref name="host"/>:<paramref name="port"/>, sends <c>{method} {pathAndQuery} HTTP/1.1</c>
    /// with <c>Host: {authority}</c> and <paramref name="headers"/> (written as given, in order), and reads
    /// the response head, over TLS when <paramref name="tls"/> is given (the handshake, with its client certificate and
    /// server certificate check, happens before the request is sent). The caller disposes the result; on failure the
    /// socket is already closed.
    /// </summary>
    /// <exception cref="SocketException">The peer cannot be reached.</exception>
    /// <exception cref="IOException">The peer closed the connection or sent a malformed head.</exception>
    /// <exception cref="System.Security.Authentication.AuthenticationException">The TLS handshake failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    public static async Task<UpgradeConnection> OpenAsync(
        string host,
        int port,
        string authority,
        string method,
        string pathAndQuery,
        IEnumerable<KeyValuePair<string, string>> headers,
        SslClientAuthenticationOptions? tls,
        CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken);
            stream = new NetworkStream(socket, ownsSocket: false);
            if (tls is not null)
            {
                var secure = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = secure;
                await secure.AuthenticateAsClientAsync(tls, cancellationToken);
            }

            await stream.WriteAsync(RequestHead(method, pathAndQuery, authority, headers), cancellationToken);
            var (response, remainder) = await HttpResponseHead.ReadAsync(stream, cancellationToken);
            return new UpgradeConnection(socket, response, new PrefixedStream(remainder.ToArray(), stream));
        }
        catch
        {
            if (stream is not null)
            {
                await stream.DisposeAsync();
            }

            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Copies both ways after a 101: <paramref name="client"/> to the peer until the client ends its side
    /// (then the peer's connection is half-closed, see <see cref="CloseWrite"/>), the peer to the client
    /// until the peer ends, which ends the relay and closes the connection. Either side dropping, or
    /// <paramref name="cancellationToken"/>, ends it too; such endings are logged at debug, not thrown.
    /// </summary>
    public async Task RelayAsync(Stream client, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var toPeer = Task.Run(
            async () =>
            {
                try
                {
                    await client.CopyToAsync(Connection, stop.Token);
                }
                catch (Exception e) when (IsEnding(e))
                {
                    LogRelayEnded(logger, "client to peer", e.Message);
                }

                CloseWrite();
            },
            CancellationToken.None);
        try
        {
            await Connection.CopyToAsync(client, stop.Token);
            await client.FlushAsync(stop.Token);
        }
        catch (Exception e) when (IsEnding(e))
        {
            LogRelayEnded(logger, "peer to client", e.Message);
        }
        finally
        {
            await stop.CancelAsync();
            _socket.Close();
            await toPeer;
        }
    }

    /// <summary>Tells the peer nothing more will be sent (TCP half-close), keeping its direction open.</summary>
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
            // Closed meanwhile.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        _socket.Dispose();
    }

    private static byte[] RequestHead(string method, string pathAndQuery, string authority, IEnumerable<KeyValuePair<string, string>> headers)
    {
        var head = new StringBuilder()
            .Append(method).Append(' ').Append(pathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(authority).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        return Encoding.Latin1.GetBytes(head.Append("\r\n").ToString());
    }

    private static bool IsEnding(Exception e) =>
        e is IOException or SocketException or OperationCanceledException or ObjectDisposedException;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Upgrade relay {Direction} ended: {Reason}")]
    private static partial void LogRelayEnded(ILogger logger, string direction, string reason);
}
