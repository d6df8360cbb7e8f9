using System.Globalization;
using System.Text;

namespace Orchestrator.ApiServer.Streaming;

/// <summary>An HTTP/1.1 response's status line and headers, read off a raw connection.</summary>
internal sealed record HttpResponseHead(int StatusCode, string ReasonPhrase, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    private const int MaxHeadBytes = 64 * 1024;

    /// <summary>The first value of a header (case-insensitive name), or null.</summary>
    public string? Header(string name) => Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>All values of a header.</summary>
    public IEnumerable<string> Values(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    /// <summary>Reads the head; returns it with the connection, whose reads continue right after the head.</summary>
    public static async Task<(HttpResponseHead Head, Stream Body)> ReadAsync(Stream connection, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        var filled = 0;
        while (true)
        {
            var end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                var head = Parse(Encoding.Latin1.GetString(buffer, 0, end));
                return (head, new PrefixedStream(buffer.AsMemory(end + 4, filled - end - 4).ToArray(), connection));
            }

            if (filled == buffer.Length)
            {
                if (buffer.Length >= MaxHeadBytes)
                {
                    throw new InvalidDataException($"kubelet response head longer than {MaxHeadBytes} bytes");
                }

                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await connection.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                throw new IOException("the kubelet closed the connection before answering");
            }

            filled += read;
        }
    }

    public static HttpResponseHead Parse(string text)
    {
        var lines = text.Split("\r\n");
        var status = lines[0].Split(' ', 3);
        if (status.Length < 2 || !status[0].StartsWith("HTTP/1.", StringComparison.Ordinal)
            || !int.TryParse(status[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            throw new InvalidDataException($"not an HTTP/1.x status line: {lines[0]}");
        }

        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .Select(parts => KeyValuePair.Create(parts[0].Trim(), parts[1].Trim()))
            .ToList();
        return new HttpResponseHead(code, status.Length > 2 ? status[2] : "", headers);
    }
}
