using System.Buffers.Binary;

namespace Orchestrator.ApiServer.Streaming.Spdy;

/// <summary>Reads whole frames off a transport. Not thread-safe: one reader loop per connection.</summary>
internal sealed class SpdyFrameReader(Stream transport)
{
    private readonly byte[] _header = new byte[8];

    /// <summary>The next frame, or null at a clean end of the transport (between frames).</summary>
    public async Task<SpdyFrame?> ReadAsync(CancellationToken cancellationToken)
    {
        if (!await FillAsync(_header, cancellationToken))
        {
            return null;
        }

        var first = BinaryPrimitives.ReadUInt32BigEndian(_header);
        var flagsAndLength = BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(4));
        var flags = (byte)(flagsAndLength >> 24);
        var payload = new byte[flagsAndLength & 0xffffff];
        if (!await FillAsync(payload, cancellationToken) && payload.Length > 0)
        {
            throw new EndOfStreamException("SPDY connection ended inside a frame");
        }

        if ((first & 0x80000000) == 0)
        {
            return new SpdyFrame(null, first & 0x7fffffff, flags, payload);
        }

        var version = (first >> 16) & 0x7fff;
        if (version != SpdyFrames.Version)
        {
            throw new InvalidDataException($"SPDY control frame of version {version}, expected {SpdyFrames.Version}");
        }

        var type = (SpdyControlType)(first & 0xffff);
        var perStream = type is SpdyControlType.SynStream or SpdyControlType.SynReply or SpdyControlType.RstStream
            or SpdyControlType.Headers or SpdyControlType.WindowUpdate;
        var streamId = perStream && payload.Length >= 4
            ? BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7fffffff
            : 0;
        return new SpdyFrame(type, streamId, flags, payload);
    }

    /// <summary>Fills <paramref name="buffer"/>; false when the transport ended before the first byte.</summary>
    private async Task<bool> FillAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await transport.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                return filled == 0 ? false : throw new EndOfStreamException("SPDY connection ended inside a frame");
            }

            filled += read;
        }

        return true;
    }
}
