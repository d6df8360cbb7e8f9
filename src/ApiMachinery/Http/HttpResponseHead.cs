namespace Orchestrator.ApiMachinery.Http;

/// <summary>
/// The status line and headers of an HTTP/1.x response read off a raw connection, in wire order:
/// how the API server reads the kubelet's answers and the kubelet its runtime's, when a request
/// may be upgraded (exec, attach, port-forward) and the bytes after the head belong to the stream.
/// </summary>
public sealed record HttpResponseHead(int StatusCode, string ReasonPhrase, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    private const int MaxHeadBytes = 64 * 1024;

    /// <summary>The first value of header <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? Header(string name) => Values(name).FirstOrDefault();

    /// <summary>Every value of header <paramref name="name"/> (case-insensitive), in order.</summary>
    public IEnumerable<string> Values(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    /// <summary>Parses a response head (status line and header lines, without the blank line); null when malformed.</summary>
    public static HttpResponseHead? Parse(ReadOnlySpan<byte> head)
    {
        var lines = Encoding.Latin1.GetString(head).Split("\r\n");
        var status = lines[0].Split(' ', 3);
        if (status.Length < 2 || !status[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || status[1].Length != 3
            || !int.TryParse(status[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return null;
        }

        var headers = new List<KeyValuePair<string, string>>(lines.Length - 1);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return null;
            }

            headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        return new HttpResponseHead(code, status.Length > 2 ? status[2] : string.Empty, headers);
    }

    /// <summary>
    /// Reads up to the blank line that ends the head; returns the head and the bytes read past it
    /// (the start of the body or of the upgraded stream: <see cref="PrefixedStream"/> puts them
    /// back in front of the connection).
    /// </summary>
    /// <exception cref="IOException">A malformed or oversized head, or the peer closed first.</exception>
    public static async Task<(HttpResponseHead Head, ReadOnlyMemory<byte> Remainder)> ReadAsync(Stream connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var buffer = new byte[4096];
        var length = 0;
        var searchFrom = 0;
        while (true)
        {
            var end = buffer.AsSpan(searchFrom, length - searchFrom).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                end += searchFrom;
                var head = Parse(buffer.AsSpan(0, end)) ?? throw new IOException("the peer sent a malformed HTTP response head");
                return (head, buffer.AsMemory(end + 4, length - end - 4));
            }

            searchFrom = Math.Max(0, length - 3);
            if (length == buffer.Length)
            {
                if (buffer.Length >= MaxHeadBytes)
                {
                    throw new IOException($"the peer's HTTP response head is larger than {MaxHeadBytes} bytes");
                }

                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await connection.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                throw new IOException("the peer closed the connection before sending an HTTP response");
            }

            length += read;
        }
    }
}
