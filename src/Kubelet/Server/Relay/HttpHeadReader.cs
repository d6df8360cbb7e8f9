namespace Orchestrator.Kubelet.Server.Relay;

/// <summary>Reads an HTTP/1.1 response head off a connection, keeping whatever arrived after it.</summary>
internal static class HttpHeadReader
{
    private const int MaxHeadSize = 64 * 1024;

    /// <summary>
    /// Reads until the blank line that ends the head; returns the parsed head and the bytes read
    /// past it (the start of the body, or of the upgraded stream). Throws on a malformed or
    /// oversized head, or when the connection closes first.
    /// </summary>
    public static async Task<(HttpResponseHead Head, ReadOnlyMemory<byte> Remainder)> ReadAsync(Stream connection, CancellationToken ct)
    {
        var buffer = new byte[4096];
        var length = 0;
        var searchFrom = 0;
        while (true)
        {
            var end = buffer.AsSpan(searchFrom, length - searchFrom).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                end += searchFrom;
                var head = HttpResponseHead.Parse(buffer.AsSpan(0, end))
                    ?? throw new IOException("the streaming server sent a malformed HTTP response head");
                return (head, buffer.AsMemory(end + 4, length - end - 4));
            }

            searchFrom = Math.Max(0, length - 3);
            if (length == buffer.Length)
            {
                if (buffer.Length >= MaxHeadSize)
                {
                    throw new IOException($"the streaming server's response head is larger than {MaxHeadSize} bytes");
                }

                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await connection.ReadAsync(buffer.AsMemory(length), ct);
            if (read == 0)
            {
                throw new IOException("the streaming server closed the connection before sending a response");
            }

            length += read;
        }
    }
}
