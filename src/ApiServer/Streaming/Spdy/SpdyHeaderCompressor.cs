using System.IO.Compression;

namespace Orchestrator.ApiServer.Streaming.Spdy;

/// <summary>
/// The sending side's header compression: ONE zlib stream for the whole connection, each header
/// block ended by a sync flush so the peer can inflate it on its own. SPDY/3 lets the sender refer
/// to a preset dictionary; this one never does (no FDICT flag, no references into it), which every
/// zlib reader accepts — Go's spdy framer included, whether or not it primes the dictionary.
/// Not thread-safe: the connection's writer lock serializes it.
/// </summary>
internal sealed class SpdyHeaderCompressor : IDisposable
{
    private readonly MemoryStream _output = new();
    private readonly ZLibStream _zlib;

    public SpdyHeaderCompressor() => _zlib = new ZLibStream(_output, CompressionLevel.Optimal, leaveOpen: true);

    /// <summary>The compressed bytes of one header block, continuing the connection's zlib stream.</summary>
    public byte[] Compress(byte[] block)
    {
        _zlib.Write(block);
        _zlib.Flush();
        var compressed = _output.ToArray();
        _output.SetLength(0);
        return compressed;
    }

    public void Dispose()
    {
        _zlib.Dispose();
        _output.Dispose();
    }
}
