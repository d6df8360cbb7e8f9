using System.Diagnostics;
using System.Text;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Hostile;

/// <summary>
/// One raw request per connection over <see cref="RawHttpConnection"/>, for requests HttpClient
/// refuses to send or rewrites: dot segments in paths, lying Content-Length headers, oversized
/// request lines, half-sent bodies.
/// </summary>
internal static class RawHttp
{
    /// <summary>
    /// Sends <paramref name="head"/> (request line and headers, without the blank line) and
    /// <paramref name="body"/>, optionally shuts down the send side, and reads the answer; code 0
    /// when no whole HTTP response came back (the body is then whatever arrived).
    /// </summary>
    public static async Task<Answer> SendAsync(Uri server, string head, byte[]? body, bool shutdownSend)
    {
        await using var connection = await RawHttpConnection.OpenAsync(server);
        var clock = Stopwatch.StartNew();
        await connection.SendAsync(Encoding.Latin1.GetBytes(head + "\r\n\r\n"));
        if (body is not null)
        {
            await connection.SendAsync(body);
        }

        if (shutdownSend)
        {
            connection.HalfClose();
        }

        var response = await connection.TryReadResponseAsync();
        return response is null
            ? new Answer(0, connection.Unread, clock.Elapsed, [])
            : new Answer(response.Code, response.Content, clock.Elapsed, response.Values("Warning"));
    }

    /// <summary>Sends headers announcing more bytes than follow, part of the body, then resets the connection.</summary>
    public static async Task SendAndAbortAsync(Uri server, string head, byte[] partialBody)
    {
        await using var connection = await RawHttpConnection.OpenAsync(server);
        await connection.SendAsync(Encoding.Latin1.GetBytes(head + "\r\n\r\n"));
        await connection.SendAsync(partialBody);
        connection.Abort();
    }
}
