using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Orchestrator.E2E.Tests.Hostile;

/// <summary>
/// HTTP/1.1 over a bare socket, for requests HttpClient refuses to send or rewrites: dot segments
/// in paths, lying Content-Length headers, oversized request lines, half-sent bodies.
/// </summary>
internal static class RawHttp
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Sends <paramref name="head"/> (request line and headers, without the blank line) and
    /// <paramref name="body"/>, optionally shuts down the send side, and reads the answer until the server closes.
    /// </summary>
    public static async Task<Answer> SendAsync(Uri server, string head, byte[]? body, bool shutdownSend)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(ReadTimeout);
        await client.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = client.GetStream();
        var clock = Stopwatch.StartNew();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head + "\r\n\r\n"), timeout.Token);
        if (body is not null)
        {
            await stream.WriteAsync(body, timeout.Token);
        }

        if (shutdownSend)
        {
            client.Client.Shutdown(SocketShutdown.Send);
        }

        var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, timeout.Token);
        }
        catch (IOException)
        {
            // A reset after the answer was written: parse what arrived.
        }
        catch (OperationCanceledException)
        {
            // The server kept the connection open: parse what arrived within the timeout.
        }

        return Parse(received.ToArray(), clock.Elapsed);
    }

    /// <summary>Sends headers announcing <paramref name="announced"/> bytes, part of the body, then resets the connection.</summary>
    public static async Task SendAndAbortAsync(Uri server, string head, byte[] partialBody)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(ReadTimeout);
        await client.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head + "\r\n\r\n"), timeout.Token);
        await stream.WriteAsync(partialBody, timeout.Token);
        client.Client.LingerState = new LingerOption(true, 0);
        client.Client.Close();
    }

    private static Answer Parse(byte[] raw, TimeSpan elapsed)
    {
        var text = Encoding.Latin1.GetString(raw);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (!text.StartsWith("HTTP/1.", StringComparison.Ordinal) || end < 0)
        {
            return new Answer(0, raw, elapsed, []);
        }

        var lines = text[..end].Split("\r\n");
        var code = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2).ToList();
        var body = raw[(end + 4)..];
        if (headers.Any(h => h[0].Trim().Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && h[1].Contains("chunked", StringComparison.OrdinalIgnoreCase)))
        {
            body = Dechunk(body);
        }

        var warnings = headers.Where(h => h[0].Trim().Equals("Warning", StringComparison.OrdinalIgnoreCase)).Select(h => h[1].Trim()).ToList();
        return new Answer(code, body, elapsed, warnings);
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        var output = new MemoryStream();
        var at = 0;
        while (at < chunked.Length)
        {
            var lineEnd = Array.IndexOf(chunked, (byte)'\n', at);
            if (lineEnd < 0 || !int.TryParse(Encoding.Latin1.GetString(chunked, at, lineEnd - at).Trim().Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) || size == 0)
            {
                break;
            }

            var take = Math.Min(size, chunked.Length - lineEnd - 1);
            output.Write(chunked, lineEnd + 1, take);
            at = lineEnd + 1 + size + 2;
        }

        return output.ToArray();
    }
}
