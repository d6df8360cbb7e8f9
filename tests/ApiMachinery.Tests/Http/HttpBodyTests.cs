using System.Text;
using Orchestrator.ApiMachinery.Http;

namespace Orchestrator.ApiMachinery.Tests.Http;

/// <summary>Response bodies read off a raw connection by the streaming relays.</summary>
public sealed class HttpBodyTests
{
    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5", "hello-and-more", "hello")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked", "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\nafter", "hello world")]
    [InlineData("HTTP/1.1 200 OK", "until the close", "until the close")]
    [InlineData("HTTP/1.1 204 No Content", "ignored", "")]
    [InlineData("HTTP/1.1 304 Not Modified", "ignored", "")]
    public async Task Reads_the_body_its_head_announces(string head, string wire, string body)
    {
        using var connection = new MemoryStream(Encoding.Latin1.GetBytes(wire));

        var read = await HttpBody.ReadAsync(HttpResponseHead.Parse(Encoding.Latin1.GetBytes(head))!, connection, CancellationToken.None);

        Assert.Equal(body, Encoding.Latin1.GetString(read));
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 10", "short")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked", "a\r\nshort")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked", "zz\r\n")]
    public async Task A_truncated_or_malformed_body_fails(string head, string wire)
    {
        using var connection = new MemoryStream(Encoding.Latin1.GetBytes(wire));

        await Assert.ThrowsAnyAsync<IOException>(() => HttpBody.ReadAsync(HttpResponseHead.Parse(Encoding.Latin1.GetBytes(head))!, connection, CancellationToken.None));
    }
}
