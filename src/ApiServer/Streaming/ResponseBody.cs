using System.Globalization;
using System.Text;
using Orchestrator.ApiMachinery.Http;

namespace Orchestrator.ApiServer.Streaming;

/// <summary>Reads an HTTP/1.1 response body off a raw connection: Content-Length, chunked, or up to the close.</summary>
internal static class ResponseBody
{
    public static async Task<byte[]> ReadAsync(HttpResponseHead head, Stream connection, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        if (head.Header("Transfer-Encoding") is { } encoding && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            await ReadChunkedAsync(connection, body, cancellationToken);
        }
        else if (head.Header("Content-Length") is { } length)
        {
            await CopyExactlyAsync(connection, body, long.Parse(length, NumberStyles.None, CultureInfo.InvariantCulture), cancellationToken);
        }
        else if (head.StatusCode is not (204 or 304))
        {
            await connection.CopyToAsync(body, cancellationToken);
        }

        return body.ToArray();
    }

    private static async Task ReadChunkedAsync(Stream connection, Stream body, CancellationToken cancellationToken)
    {
        while (true)
        {
            var sizeLine = await ReadLineAsync(connection, cancellationToken);
            var size = long.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                // Trailers, if any, end with an empty line.
                while ((await ReadLineAsync(connection, cancellationToken)).Length > 0)
                {
                }

                return;
            }

            await CopyExactlyAsync(connection, body, size, cancellationToken);
            await ReadLineAsync(connection, cancellationToken);
        }
    }

    private static async Task CopyExactlyAsync(Stream from, Stream to, long count, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        while (count > 0)
        {
            var read = await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken);
            if (read == 0)
            {
                throw new EndOfStreamException("the kubelet's response body ended early");
            }

            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            count -= read;
        }
    }

    private static async Task<string> ReadLineAsync(Stream connection, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (await connection.ReadAsync(one, cancellationToken) == 1)
        {
            if (one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)one[0]);
        }

        throw new EndOfStreamException("the kubelet's chunked body ended early");
    }
}
