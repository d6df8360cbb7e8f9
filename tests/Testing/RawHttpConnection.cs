using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Orchestrator.Testing;

/// <summary>
/// HTTP/1.1 over a bare TCP socket, request bytes written exactly as given: HttpClient and Uri
/// would resolve dot-segments, fix lying Content-Length headers and refuse malformed or oversized
/// requests before they left the test. One connection can carry several requests (keep-alive,
/// pipelining), be half-closed, or be reset.
/// </summary>
public sealed class RawHttpConnection : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly List<byte> _buffer = [];

    private RawHttpConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    /// <summary>Everything received and not yet taken by a response read.</summary>
    public byte[] Unread => [.. _buffer];

    public static async Task<RawHttpConnection> OpenAsync(Uri server)
    {
        var client = new TcpClient();
        using var timeout = new CancellationTokenSource(Timeout);
        await client.ConnectAsync(server.Host, server.Port, timeout.Token);
        return new RawHttpConnection(client);
    }

    /// <summary>Sends <c>GET {target}</c> with the given extra header lines, and reads the response.</summary>
    public async Task<RawHttpResponse> GetAsync(string target, params string[] headers)
    {
        await SendAsync($"GET {target} HTTP/1.1\r\nHost: localhost\r\n{string.Concat(headers.Select(h => h + "\r\n"))}\r\n");
        return await ReadResponseAsync();
    }

    /// <summary>Sends <paramref name="text"/> as UTF-8.</summary>
    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await _stream.WriteAsync(bytes, timeout.Token);
        await _stream.FlushAsync(timeout.Token);
    }

    /// <summary>Closes the sending side: the server sees the request end here.</summary>
    public void HalfClose() => _client.Client.Shutdown(SocketShutdown.Send);

    /// <summary>Resets the connection (RST, no FIN): a client that vanished mid-request.</summary>
    public void Abort()
    {
        _client.Client.LingerState = new LingerOption(true, 0);
        _client.Client.Close();
    }

    /// <summary>One response: head, then a body of Content-Length bytes, chunked, or up to the close.</summary>
    public async Task<RawHttpResponse> ReadResponseAsync()
    {
        var headEnd = await FillUntilAsync(() => IndexOf("\r\n\r\n"u8));
        var head = Encoding.Latin1.GetString([.. _buffer.Take(headEnd)]);
        var lines = head.Split("\r\n");
        if (!lines[0].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            throw new InvalidDataException("not an HTTP response: " + lines[0]);
        }

        _buffer.RemoveRange(0, headEnd + 4);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2).Select(p => KeyValuePair.Create(p[0].Trim(), p[1].Trim())).ToList();
        var response = new RawHttpResponse(int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture), headers, []);
        byte[] body;
        if (response.Headers.TryGetValue("Content-Length", out var length))
        {
            body = await TakeAsync(int.Parse(length, CultureInfo.InvariantCulture));
        }
        else if (response.Headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            var chunks = new List<byte>();
            while (true)
            {
                var lineEnd = await FillUntilAsync(() => IndexOf("\r\n"u8));
                var size = int.Parse(Encoding.ASCII.GetString([.. _buffer.Take(lineEnd)]).Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                _buffer.RemoveRange(0, lineEnd + 2);
                chunks.AddRange(await TakeAsync(size + 2));
                chunks.RemoveRange(chunks.Count - 2, 2);
                if (size == 0)
                {
                    break;
                }
            }

            body = [.. chunks];
        }
        else
        {
            await FillUntilAsync(() => -1, untilClosed: true);
            body = [.. _buffer];
            _buffer.Clear();
        }

        return response with { Content = body };
    }

    /// <summary>
    /// One response, or null when the server closed, reset or stalled the connection before a whole
    /// HTTP response arrived (what did arrive is left in <see cref="Unread"/>).
    /// </summary>
    public async Task<RawHttpResponse?> TryReadResponseAsync()
    {
        try
        {
            return await ReadResponseAsync();
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidDataException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Everything the server sends until it closes or resets the connection.</summary>
    public async Task<string> ReadToCloseAsync()
    {
        try
        {
            await FillUntilAsync(() => -1, untilClosed: true);
        }
        catch (IOException)
        {
            // A reset is a close too.
        }

        return Encoding.Latin1.GetString([.. _buffer]);
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _client.Dispose();
    }

    private async Task<byte[]> TakeAsync(int count)
    {
        await FillUntilAsync(() => _buffer.Count >= count ? count : -1);
        var taken = _buffer.Take(count).ToArray();
        _buffer.RemoveRange(0, count);
        return taken;
    }

    private async Task<int> FillUntilAsync(Func<int> found, bool untilClosed = false)
    {
        var chunk = new byte[65536];
        while (true)
        {
            var at = found();
            if (at >= 0)
            {
                return at;
            }

            using var timeout = new CancellationTokenSource(Timeout);
            var read = await _stream.ReadAsync(chunk, timeout.Token);
            if (read == 0)
            {
                return untilClosed ? -1 : throw new EndOfStreamException($"connection closed; received so far: {Encoding.Latin1.GetString([.. _buffer])}");
            }

            _buffer.AddRange(chunk.AsSpan(0, read));
        }
    }

    private int IndexOf(ReadOnlySpan<byte> value) => CollectionsMarshal.AsSpan(_buffer).IndexOf(value);
}
