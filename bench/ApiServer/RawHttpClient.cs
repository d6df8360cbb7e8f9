using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace Orchestrator.Bench;

/// <summary>
/// A load generator that costs the shared CPU far less than <see cref="HttpClient"/>: real HTTP/1.1 over a fixed set of
/// keep-alive TCP connections, one request in flight per connection, each request's bytes encoded before it is sent
/// (<see cref="EncodeCreate"/>: what kubectl sends for <c>kubectl create -f</c>), and of each answer only the status line
/// and the body's framing (Content-Length or chunked) read. In the one-process benchmark every microsecond the client
/// spends is a microsecond the API server does not get, so HttpClient's own per-request work hid part of the server's rate.
/// </summary>
internal sealed class RawHttpClient : IDisposable
{
    // What kubectl 1.33 sends on a create (Go's net/http order: Host, User-Agent, Content-Length, the rest sorted, Accept-Encoding).
    private const string UserAgent = "kubectl/v1.33.0 (linux/amd64) kubernetes/60a317e";
    private static readonly string Session = Guid.NewGuid().ToString();

    private readonly ConcurrentQueue<Connection> _idle = new();
    private readonly List<Connection> _all = [];

    private RawHttpClient()
    {
    }

    /// <summary>Opens <paramref name="connections"/> keep-alive connections to the server at <paramref name="address"/>.</summary>
    public static async Task<RawHttpClient> ConnectAsync(Uri address, int connections)
    {
        var client = new RawHttpClient();
        for (var i = 0; i < connections; i++)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(address.Host, address.Port);
            var connection = new Connection(socket);
            client._all.Add(connection);
            client._idle.Enqueue(connection);
        }

        return client;
    }

    /// <summary>The bytes of a kubectl create request: POST <paramref name="path"/> with the JSON <paramref name="body"/>.</summary>
    public static byte[] EncodeCreate(Uri address, string path, string body)
    {
        var content = Encoding.UTF8.GetBytes(body);
        var head = Encoding.ASCII.GetBytes(
            $"POST {path}?fieldManager=kubectl-create&fieldValidation=Strict HTTP/1.1\r\n" +
            $"Host: {address.Authority}\r\n" +
            $"User-Agent: {UserAgent}\r\n" +
            $"Content-Length: {content.Length}\r\n" +
            "Accept: application/json\r\n" +
            "Content-Type: application/json\r\n" +
            "Kubectl-Command: kubectl create\r\n" +
            $"Kubectl-Session: {Session}\r\n" +
            "Accept-Encoding: gzip\r\n\r\n");
        var request = new byte[head.Length + content.Length];
        head.CopyTo(request, 0);
        content.CopyTo(request, head.Length);
        return request;
    }

    /// <summary>The same request's headers for HttpClient (which adds Host and Content-Length itself), so both clients send alike.</summary>
    public static void AddKubectlHeaders(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        request.Headers.TryAddWithoutValidation("Kubectl-Command", "kubectl create");
        request.Headers.TryAddWithoutValidation("Kubectl-Session", Session);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
    }

    /// <summary>Sends one encoded request on an idle connection and returns the answer's status code and body.</summary>
    public async Task<(int Status, ReadOnlyMemory<byte> Body)> SendAsync(byte[] request)
    {
        if (!_idle.TryDequeue(out var connection))
        {
            throw new InvalidOperationException("more requests in flight than connections");
        }

        try
        {
            return await connection.ExchangeAsync(request);
        }
        finally
        {
            _idle.Enqueue(connection);
        }
    }

    public void Dispose()
    {
        foreach (var connection in _all)
        {
            connection.Socket.Dispose();
        }
    }

    private sealed class Connection(Socket socket)
    {
        private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
        private static readonly byte[] Crlf = "\r\n"u8.ToArray();
        private byte[] _buffer = new byte[16 * 1024];
        private int _end;

        public Socket Socket { get; } = socket;

        public async Task<(int Status, ReadOnlyMemory<byte> Body)> ExchangeAsync(byte[] request)
        {
            await Socket.SendAsync(request, SocketFlags.None);
            _end = 0;
            int headerEnd;
            while ((headerEnd = _buffer.AsSpan(0, _end).IndexOf(HeaderEnd)) < 0)
            {
                await ReceiveAsync();
            }

            var (status, length) = ParseHead(_buffer.AsSpan(0, headerEnd + 2));
            var bodyStart = headerEnd + 4;
            if (length >= 0)
            {
                while (_end < bodyStart + length)
                {
                    await ReceiveAsync();
                }

                return (status, _buffer.AsMemory(bodyStart, length));
            }

            // Chunked: read until the zero-length chunk, keeping the chunks' data contiguous in place.
            var write = bodyStart;
            var read = bodyStart;
            while (true)
            {
                int lineEnd;
                while ((lineEnd = _buffer.AsSpan(read, _end - read).IndexOf(Crlf)) < 0)
                {
                    await ReceiveAsync();
                }

                var sizeLine = _buffer.AsSpan(read, lineEnd);
                var semicolon = sizeLine.IndexOf((byte)';');
                if (!Utf8Parser.TryParse(semicolon < 0 ? sizeLine : sizeLine[..semicolon], out int size, out _, 'x'))
                {
                    throw new InvalidOperationException("bad chunk size line");
                }

                read += lineEnd + 2;
                while (_end < read + size + 2)
                {
                    await ReceiveAsync();
                }

                if (size == 0)
                {
                    return (status, _buffer.AsMemory(bodyStart, write - bodyStart));
                }

                _buffer.AsSpan(read, size).CopyTo(_buffer.AsSpan(write));
                write += size;
                read += size + 2;
            }
        }

        private async ValueTask ReceiveAsync()
        {
            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var received = await Socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None);
            if (received == 0)
            {
                throw new IOException("the server closed the connection");
            }

            _end += received;
        }

        /// <summary>The status code and Content-Length (-1 when the body is chunked) of a response head.</summary>
        private static (int Status, int Length) ParseHead(ReadOnlySpan<byte> head)
        {
            // "HTTP/1.1 201 Created\r\n"
            if (!Utf8Parser.TryParse(head.Slice(9, 3), out int status, out _))
            {
                throw new InvalidOperationException("bad status line");
            }

            var length = -1;
            var chunked = false;
            while (head.IndexOf(Crlf) is var lineEnd and >= 0)
            {
                var line = head[..lineEnd];
                head = head[(lineEnd + 2)..];
                if (line.Length > 15 && Ascii.EqualsIgnoreCase(line[..15], "content-length:"u8))
                {
                    Utf8Parser.TryParse(line[15..].Trim((byte)' '), out length, out _);
                }
                else if (line.Length > 18 && Ascii.EqualsIgnoreCase(line[..18], "transfer-encoding:"u8))
                {
                    chunked = true;
                }
            }

            return length < 0 && !chunked ? throw new InvalidOperationException("an answer with neither Content-Length nor chunked framing") : (status, length);
        }
    }
}
