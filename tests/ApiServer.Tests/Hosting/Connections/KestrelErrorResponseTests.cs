using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Hosting.Connections;

namespace Orchestrator.ApiServer.Tests.Hosting.Connections;

public sealed class KestrelErrorResponseTests
{
    private const string Tail = "Date: Sun, 06 Dec 2026 03:00:00 GMT\r\nServer: Kestrel\r\n\r\n";

    [Theory]
    [InlineData("HTTP/1.1 400 Bad Request", 400, "BadRequest")]
    [InlineData("HTTP/1.1 408 Request Timeout", 408, "Timeout")]
    [InlineData("HTTP/1.1 413 Payload Too Large", 413, "RequestEntityTooLarge")]
    [InlineData("HTTP/1.1 414 URI Too Long", 414, "BadRequest")]
    [InlineData("HTTP/1.1 431 Request Header Fields Too Large", 431, "BadRequest")]
    [InlineData("HTTP/1.0 505 HTTP Version Not Supported", 505, "InternalError")]
    public void Kestrels_empty_error_gets_a_Status_body(string statusLine, int code, string reason)
    {
        var rewritten = KestrelErrorResponse.WithStatusBody(Encoding.Latin1.GetBytes($"{statusLine}\r\nContent-Length: 0\r\nConnection: close\r\n{Tail}"));

        var text = Encoding.UTF8.GetString(rewritten!);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = text[..split];
        var body = text[(split + 4)..];
        Assert.StartsWith(statusLine + "\r\n", head, StringComparison.Ordinal);
        Assert.Contains("\r\nConnection: close\r\n", head, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Type: application/json\r\n", head, StringComparison.Ordinal);
        Assert.Contains($"\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}", head, StringComparison.Ordinal);
        Assert.DoesNotContain("Content-Length: 0", head, StringComparison.Ordinal);
        var status = JsonNode.Parse(body)!;
        Assert.Equal("Status", status["kind"]!.GetValue<string>());
        Assert.Equal("Failure", status["status"]!.GetValue<string>());
        Assert.Equal(code, status["code"]!.GetValue<int>());
        Assert.Equal(reason, status["reason"]!.GetValue<string>());
        Assert.Equal($"the server rejected the request: {statusLine[9..]}", status["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n" + Tail)]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\n" + Tail)]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n" + Tail)]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 2\r\nConnection: close\r\n" + Tail + "{}")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n" + Tail + "HTTP/1.1 200 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n")]
    [InlineData("{\"type\":\"ADDED\",\"object\":{}}\n")]
    [InlineData("HTTP/2 400\r\nContent-Length: 0\r\nConnection: close\r\n" + Tail)]
    [InlineData("")]
    public void Anything_else_is_left_alone(string bytes) =>
        Assert.Null(KestrelErrorResponse.WithStatusBody(Encoding.Latin1.GetBytes(bytes)));
}
