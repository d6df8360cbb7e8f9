using System.Buffers.Binary;
using System.IO.Compression;
using Orchestrator.ApiServer.Streaming.Spdy;

namespace Orchestrator.ApiServer.Tests.Streaming;

public sealed class SpdyFramesTests
{
    public static TheoryData<string, byte[], int?, uint, byte, string> Frames => new()
    {
        { "data", SpdyFrames.Data(5, "hello"u8, fin: false), null, 5, 0, "68656c6c6f" },
        { "data fin, empty", SpdyFrames.Data(7, [], fin: true), null, 7, SpdyFrame.FlagFin, "" },
        { "rst", SpdyFrames.RstStream(3, SpdyRstStatus.Cancel), (int)SpdyControlType.RstStream, 3, 0, "0000000300000005" },
        { "ping", SpdyFrames.Ping(2), (int)SpdyControlType.Ping, 0, 0, "00000002" },
        { "goaway", SpdyFrames.GoAway(9, 0), (int)SpdyControlType.GoAway, 0, 0, "0000000900000000" },
        { "window update", SpdyFrames.WindowUpdate(1, 65536), (int)SpdyControlType.WindowUpdate, 1, 0, "0000000100010000" },
        { "settings", SpdyFrames.Settings([(1, 7, 65536)]), (int)SpdyControlType.Settings, 0, 0, "000000010100000700010000" },
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public async Task A_frame_reads_back_as_written(string name, byte[] encoded, int? type, uint streamId, byte flags, string payloadHex)
    {
        var frame = await new SpdyFrameReader(new MemoryStream(encoded)).ReadAsync(CancellationToken.None);

        Assert.NotNull(frame);
        Assert.Equal(type, (int?)frame.ControlType);
        Assert.Equal(streamId, frame.StreamId);
        Assert.Equal(flags, frame.Flags);
        Assert.True(payloadHex == Convert.ToHexStringLower(frame.Payload), name);
    }

    [Fact]
    public void Control_frames_carry_the_control_bit_version_3_type_flags_and_length()
    {
        var frame = SpdyFrames.SynStream(1, 7, [0xAA, 0xBB], SpdyFrame.FlagFin);

        Assert.Equal("80030001", Convert.ToHexStringLower(frame.AsSpan(0, 4)));
        Assert.Equal(0x0100000cu, BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(4))); // FIN, length 10 + 2
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(8)));
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(12)));
        Assert.Equal(0xE0, frame[16]); // priority 7 in the top three bits
        Assert.Equal("aabb", Convert.ToHexStringLower(frame.AsSpan(18)));
    }

    [Fact]
    public async Task Header_blocks_of_one_connection_form_one_zlib_stream_each_block_complete_at_its_flush()
    {
        using var compressor = new SpdyHeaderCompressor();
        var first = SpdyFrames.SynStream(1, 7, compressor.Compress(SpdyHeaderBlock.Encode([new("streamType", "error")])));
        var second = SpdyFrames.SynStream(3, 7, compressor.Compress(SpdyHeaderBlock.Encode([new("streamType", "stdout"), new("X-Multi", "a"), new("x-multi", "b")])));
        var reader = new SpdyFrameReader(new MemoryStream([.. first, .. second]));
        var frames = new[] { await reader.ReadAsync(CancellationToken.None), await reader.ReadAsync(CancellationToken.None) };
        Assert.Null(await reader.ReadAsync(CancellationToken.None));
        Assert.Equal([1u, 3u], frames.Select(f => f!.StreamId));

        // The second block alone is not a zlib stream; inflating both blocks in order gives both header sets.
        var compressed = frames.SelectMany(f => f!.Payload.Skip(10)).ToArray();
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress))
        {
            var buffer = new byte[4096];
            int read;
            try
            {
                while ((read = zlib.Read(buffer)) > 0)
                {
                    inflated.Write(buffer, 0, read);
                }
            }
            catch (InvalidDataException)
            {
                // The stream never ends (no final block): everything flushed so far has been read.
            }
        }

        var blocks = inflated.ToArray();
        var firstLength = SpdyHeaderBlock.Encode([new("streamType", "error")]).Length;
        Assert.Equal([new("streamtype", "error")], SpdyHeaderBlock.Decode(blocks.AsSpan(0, firstLength)));
        Assert.Equal(
            [new("streamtype", "stdout"), new("x-multi", "a"), new("x-multi", "b")],
            SpdyHeaderBlock.Decode(blocks.AsSpan(firstLength)));
    }

    [Fact]
    public async Task A_transport_ending_inside_a_frame_is_an_error_and_between_frames_a_clean_end()
    {
        var frame = SpdyFrames.Data(1, "abc"u8, fin: false);

        await Assert.ThrowsAsync<EndOfStreamException>(() => new SpdyFrameReader(new MemoryStream(frame[..9])).ReadAsync(CancellationToken.None));
        Assert.Null(await new SpdyFrameReader(new MemoryStream([])).ReadAsync(CancellationToken.None));
    }
}
