using System.Text;
using Orchestrator.ApiMachinery.Http;

namespace Orchestrator.ApiMachinery.Tests.Http;

/// <summary>Response heads read off a raw connection, and the bytes after them handed back in order.</summary>
public sealed class HttpResponseHeadTests
{
    [Theory]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nUpgrade: SPDY/3.1\r\nX-A: 1\r\nx-a: 2", 101, "Switching Protocols", "SPDY/3.1")]
    [InlineData("HTTP/1.0 404 Not Found", 404, "Not Found", null)]
    [InlineData("HTTP/1.1 200", 200, "", null)]
    public void Parses(string head, int code, string reason, string? upgrade)
    {
        var parsed = HttpResponseHead.Parse(Encoding.Latin1.GetBytes(head))!;
        Assert.Equal(code, parsed.StatusCode);
        Assert.Equal(reason, parsed.ReasonPhrase);
        Assert.Equal(upgrade, parsed.Header("upgrade"));
    }

    [Fact]
    public void RepeatedHeadersKeepTheirOrder() =>
        Assert.Equal(["1", "2"], HttpResponseHead.Parse("HTTP/1.1 200 OK\r\nX-A: 1\r\nx-a: 2"u8)!.Values("X-A"));

    [Theory]
    [InlineData("SSH-2.0 hello")]
    [InlineData("HTTP/1.1 20 OK")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon here")]
    public void MalformedIsNull(string head) => Assert.Null(HttpResponseHead.Parse(Encoding.Latin1.GetBytes(head)));

    [Fact]
    public async Task ReadKeepsTheBytesAfterTheHeadInFrontOfTheConnection()
    {
        using var connection = new MemoryStream(Encoding.Latin1.GetBytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\nfirst-bytes|rest"));
        var (head, remainder) = await HttpResponseHead.ReadAsync(new OneByteAtATime(connection, 7), CancellationToken.None);
        Assert.Equal(101, head.StatusCode);

        await using var body = new PrefixedStream(remainder, connection, leaveOpen: true);
        using var reader = new StreamReader(body, Encoding.Latin1);
        Assert.Equal("first-bytes|rest", await reader.ReadToEndAsync());
        Assert.True(connection.CanRead); // left open
    }

    [Fact]
    public async Task AConnectionClosedBeforeTheHeadIsAnIOException()
    {
        using var connection = new MemoryStream(Encoding.Latin1.GetBytes("HTTP/1.1 200 OK\r\nA: b"));
        await Assert.ThrowsAsync<IOException>(() => HttpResponseHead.ReadAsync(connection, CancellationToken.None));
    }

    [Fact]
    public async Task DisposingThePrefixedStreamClosesTheConnectionUnlessLeftOpen()
    {
        var connection = new MemoryStream();
        await using (var body = new PrefixedStream(ReadOnlyMemory<byte>.Empty, connection))
        {
            Assert.True(body.CanWrite);
            await body.WriteAsync("x"u8.ToArray());
        }

        Assert.False(connection.CanRead);
    }

    /// <summary>A stream that returns at most a few bytes per read, as a network does.</summary>
    private sealed class OneByteAtATime(Stream inner, int chunk) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, chunk));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
