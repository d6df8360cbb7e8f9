using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Orchestrator.E2E.Tests.Security;

/// <summary>Raw connections to a TLS port: bytes that are not TLS, broken handshakes, and whole requests inside TLS.</summary>
internal static class TlsProbe
{
    private static readonly TimeSpan ReadBudget = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Sends <paramref name="bytes"/> as they are (no TLS), ends the sending side and reads whatever comes back until
    /// the server closes or <see cref="ReadBudget"/> passes; the connection's fate (reset, close) is not an error.
    /// </summary>
    public static async Task SendRawAsync(int port, byte[] bytes)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port);
        try
        {
            await socket.SendAsync(bytes);
            socket.Shutdown(SocketShutdown.Send);
            using var budget = new CancellationTokenSource(ReadBudget);
            var buffer = new byte[4096];
            while (await socket.ReceiveAsync(buffer, budget.Token) > 0)
            {
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            // Reset or silent: both fine for bytes that are not a TLS handshake.
        }
    }

    /// <summary>
    /// Sends <paramref name="head"/> (request line and headers, with the blank line) then <paramref name="body"/> inside
    /// a TLS connection made with <paramref name="tls"/>, and returns the status code of the answer (0: none came).
    /// </summary>
    public static async Task<int> SendOverTlsAsync(int port, SslClientAuthenticationOptions tls, string head, byte[] body)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        await using var stream = new SslStream(client.GetStream());
        await stream.AuthenticateAsClientAsync(tls);
        try
        {
            await stream.WriteAsync(Encoding.Latin1.GetBytes(head));
            await stream.WriteAsync(body);
            await stream.FlushAsync();
        }
        catch (IOException)
        {
            // The server may answer and close before the whole request is written: read what it said.
        }

        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            int read;
            while (!answer.ToString().Contains("\r\n", StringComparison.Ordinal) && (read = await stream.ReadAsync(buffer, budget.Token)) > 0)
            {
                answer.Append(Encoding.Latin1.GetString(buffer, 0, read));
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            return 0;
        }

        var statusLine = answer.ToString().Split("\r\n")[0].Split(' ');
        return statusLine.Length > 1 && int.TryParse(statusLine[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : 0;
    }

    /// <summary>A real TLS ClientHello as .NET's client sends it: captured by a listener that reads the first flight and hangs up.</summary>
    public static async Task<byte[]> ClientHelloAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var capture = Task.Run(async () =>
        {
            using var peer = await listener.AcceptTcpClientAsync();
            var stream = peer.GetStream();
            var header = new byte[5];
            await stream.ReadExactlyAsync(header);
            var record = new byte[(header[3] << 8) | header[4]];
            await stream.ReadExactlyAsync(record);
            return (byte[])[.. header, .. record];
        });
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        await using var tls = new SslStream(client.GetStream());
        var handshake = tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" });
        var hello = await capture;
        client.Close();
        await Assert.ThrowsAnyAsync<Exception>(() => handshake);
        return hello;
    }
}
