using System.Buffers.Text;

namespace Orchestrator.ApiServer.Hosting.Connections;

/// <summary>
/// Recognizes an error response Kestrel wrote by itself and rebuilds it with a Status body. Only a
/// complete HTTP/1.x response head with status 400 or more, <c>Content-Length: 0</c> and
/// <c>Connection: close</c>, and nothing after it, qualifies: the connection ends with it, so adding
/// a body can never shift the framing of anything that follows.
/// </summary>
internal static class KestrelErrorResponse
{
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();

    /// <summary>The rewritten response, or null when <paramref name="bytes"/> is anything else.</summary>
    public static byte[]? WithStatusBody(ReadOnlySpan<byte> bytes)
    {
        // "HTTP/1.1 400 Bad Request\r\n" at least: 13 bytes of prefix and code, then the head's end.
        if (bytes.Length < 16 || !(bytes.StartsWith("HTTP/1.1 "u8) || bytes.StartsWith("HTTP/1.0 "u8))
            || !Utf8Parser.TryParse(bytes.Slice(9, 3), out int code, out var consumed) || consumed != 3 || code < 400
            || bytes.IndexOf(HeadEnd) != bytes.Length - HeadEnd.Length)
        {
            return null;
        }

        var lines = Encoding.Latin1.GetString(bytes[..^HeadEnd.Length]).Split("\r\n");
        var headers = lines.Skip(1).ToList();
        if (!headers.Any(h => IsHeader(h, "Content-Length", "0")) || !headers.Any(h => IsHeader(h, "Connection", "close")))
        {
            return null;
        }

        var phrase = lines[0].Length > 13 ? lines[0][13..] : "";
        var status = new ApiException(code, StatusReasons.ForCode(code), $"the server rejected the request: {code} {phrase}".TrimEnd()).ToStatus();
        var body = JsonSerializer.SerializeToUtf8Bytes(status);

        var head = new StringBuilder(bytes.Length + 64).Append(lines[0]).Append("\r\n");
        foreach (var header in headers.Where(h => !h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)))
        {
            head.Append(header).Append("\r\n");
        }

        head.Append("Content-Type: application/json\r\n").Append("Content-Length: ").Append(body.Length).Append("\r\n\r\n");
        return [.. Encoding.Latin1.GetBytes(head.ToString()), .. body];
    }

    private static bool IsHeader(string line, string name, string value)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return colon > 0
            && line.AsSpan(0, colon).Trim().Equals(name, StringComparison.OrdinalIgnoreCase)
            && line.AsSpan(colon + 1).Trim().Equals(value, StringComparison.OrdinalIgnoreCase);
    }
}
