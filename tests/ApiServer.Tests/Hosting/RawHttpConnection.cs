using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tests.Hosting;

/// <summary>
/// HTTP/1.1 over a bare TCP socket, request bytes written exactly as given: HttpClient and Uri
/// would resolve dot-segments and refuse malformed requests before they left the test.
/// </summary>
internal sealed class RawHttpConnection : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly List<byte> _buffer = [];

    private RawHttpConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<RawHttpConnection> OpenAsync(Uri server)
    {
        var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        return new RawHttpConnection(client);
    }

    /// <summary>Sends <c>GET {target}</c> with the given extra header lines, and reads the response.</summary>
    public async Task<RawHttpResponse> GetAsync(string target, params string[] headers)
    {
        await SendAsync($"GET {target} HTTP/1.1\r\nHost: localhost\r\n{string.Concat(headers.Select(h => h + "\r\n"))}\r\n");
        return await ReadResponseAsync();
    }

    public async Task SendAsync(string text)
    {
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(text));
        await _stream.FlushAsync();
    }

    /// <summary>Closes the sending side: the server sees the request end here.</summary>
    public void HalfClose() => _client.Client.Shutdown(SocketShutdown.Send);

    /// <summary>One response: head, then a body of Content-Length bytes, chunked, or up to the close.</summary>
    public async Task<RawHttpResponse> ReadResponseAsync()
    {
        var headEnd = await FillUntilAsync(() => IndexOf("\r\n\r\n"u8));
        var head = Encoding.Latin1.GetString([.. _buffer.Take(headEnd)]);
        _buffer.RemoveRange(0, headEnd + 4);
        var lines = head.Split("\r\n");
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        byte[] body;
        if (headers.TryGetValue("Content-Length", out var length))
        {
            body = await TakeAsync(int.Parse(length, System.Globalization.CultureInfo.InvariantCulture));
        }
        else if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding == "chunked")
        {
            var chunks = new List<byte>();
            while (true)
            {
                var lineEnd = await FillUntilAsync(() => IndexOf("\r\n"u8));
                var size = Convert.ToInt32(Encoding.ASCII.GetString([.. _buffer.Take(lineEnd)]), 16);
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

        return new RawHttpResponse(int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), headers, Encoding.UTF8.GetString(body));
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

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var read = await _stream.ReadAsync(chunk, timeout.Token);
            if (read == 0)
            {
                return untilClosed ? -1 : throw new EndOfStreamException($"connection closed; received so far: {Encoding.Latin1.GetString([.. _buffer])}");
            }

            _buffer.AddRange(chunk.AsSpan(0, read));
        }
    }

    private int IndexOf(ReadOnlySpan<byte> value) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_buffer).IndexOf(value);
}

/// <summary>A response read by <see cref="RawHttpConnection"/>.</summary>
internal sealed record RawHttpResponse(int Code, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonObject? Json => Body.TrimStart().StartsWith('{') ? JsonNode.Parse(Body) as JsonObject : null;
}
