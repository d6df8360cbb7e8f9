namespace Orchestrator.ApiMachinery.Http;

/// <summary>
/// An HTTP/1.1 response body read off a raw connection after its <see cref="HttpResponseHead"/>:
/// Content-Length, chunked (decoded, trailers skipped), or up to the close; none for 1xx, 204 and 304.
/// Used by the streaming relays of the API server and the kubelet.
/// </summary>
public static class HttpBody
{
    /// <summary>Reads the whole body into memory.</summary>
    public static async Task<byte[]> ReadAsync(HttpResponseHead head, Stream source, CancellationToken ct)
    {
        using var body = new MemoryStream();
        await CopyAsync(head, source, body, ct);
        return body.ToArray();
    }

    /// <summary>Copies the decoded body to <paramref name="destination"/>.</summary>
    /// <exception cref="IOException">The connection closed early or a chunk header is malformed.</exception>
    public static async Task CopyAsync(HttpResponseHead head, Stream source, Stream destination, CancellationToken ct)
    {
        if (head.StatusCode is 204 or 304 or (>= 100 and < 200))
        {
            return;
        }

        if (head.Values("Transfer-Encoding").Any(v => v.Contains("chunked", StringComparison.OrdinalIgnoreCase)))
        {
            await CopyChunkedAsync(source, destination, ct);
        }
        else if (head.Values("Content-Length").FirstOrDefault() is { } text)
        {
            var length = long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
            await CopyExactlyAsync(source, destination, length, ct);
        }
        else
        {
            await source.CopyToAsync(destination, ct);
        }
    }

    private static async Task CopyChunkedAsync(Stream source, Stream destination, CancellationToken ct)
    {
        while (true)
        {
            var sizeLine = await ReadLineAsync(source, ct);
            var extension = sizeLine.IndexOf(';', StringComparison.Ordinal);
            var sizeText = (extension < 0 ? sizeLine : sizeLine[..extension]).Trim();
            if (!long.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
            {
                throw new IOException($"malformed chunk size line \"{sizeLine}\"");
            }

            if (size == 0)
            {
                // Trailers, then the blank line.
                while ((await ReadLineAsync(source, ct)).Length > 0)
                {
                }

                return;
            }

            await CopyExactlyAsync(source, destination, size, ct);
            await ReadLineAsync(source, ct);
        }
    }

    private static async Task CopyExactlyAsync(Stream source, Stream destination, long length, CancellationToken ct)
    {
        var buffer = new byte[(int)Math.Min(length, 16 * 1024) + 1];
        while (length > 0)
        {
            var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(length, buffer.Length)), ct);
            if (read == 0)
            {
                throw new EndOfStreamException("the peer closed the connection in the middle of a response body");
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), ct);
            length -= read;
        }
    }

    private static async Task<string> ReadLineAsync(Stream source, CancellationToken ct)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            if (await source.ReadAsync(one, ct) == 0)
            {
                throw new EndOfStreamException("the peer closed the connection in the middle of a chunked body");
            }

            if (one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            if (line.Length > 4096)
            {
                throw new IOException("chunk size line too long");
            }

            line.Append((char)one[0]);
        }
    }
}
