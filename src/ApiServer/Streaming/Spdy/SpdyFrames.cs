using System.Buffers.Binary;

namespace Orchestrator.ApiServer.Streaming.Spdy;

/// <summary>
/// Encodes SPDY/3 frames (§2.2): control frames start with the control bit, version 3 and the type,
/// then flags and a 24-bit length; data frames with a 31-bit stream id, then flags and length.
/// </summary>
internal static class SpdyFrames
{
    public const ushort Version = 3;

    /// <summary>The largest payload a frame's 24-bit length can carry.</summary>
    public const int MaxPayload = (1 << 24) - 1;

    public static byte[] SynStream(uint streamId, byte priority, byte[] compressedHeaders, byte flags = 0)
    {
        var frame = Control(SpdyControlType.SynStream, flags, 10 + compressedHeaders.Length);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(8), streamId & 0x7fffffff);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(12), 0); // associated-to stream: none
        frame[16] = (byte)((priority & 0x07) << 5);
        frame[17] = 0; // credential slot
        compressedHeaders.CopyTo(frame, 18);
        return frame;
    }

    public static byte[] SynReply(uint streamId, byte[] compressedHeaders, byte flags = 0)
    {
        var frame = Control(SpdyControlType.SynReply, flags, 4 + compressedHeaders.Length);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(8), streamId & 0x7fffffff);
        compressedHeaders.CopyTo(frame, 12);
        return frame;
    }

    public static byte[] RstStream(uint streamId, SpdyRstStatus status)
    {
        var frame = Control(SpdyControlType.RstStream, 0, 8);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(8), streamId & 0x7fffffff);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(12), (uint)status);
        return frame;
    }

    public static byte[] Settings(IReadOnlyList<(byte Flags, uint Id, uint Value)> entries)
    {
        var frame = Control(SpdyControlType.Settings, 0, 4 + (8 * entries.Count));
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(8), (uint)entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var at = 12 + (8 * i);
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(at), ((uint)entries[i].Flags << 24) | (entries[i].Id & 0xffffff));
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(at + 4), entries[i].Value);
        }

        return frame;
    }

    public static byte[] Ping(uint id)
    {
        var frame = Control(SpdyControlType.Ping, 0, 4);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(8), id);
        return frame;
    }

    public static byte[] GoAway(uint lastGoodStreamId, uint status)
    {
        var frame = Control(SpdyControlType.GoAway, 0, 8);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(8), lastGoodStreamId & 0x7fffffff);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(12), status);
        return frame;
    }

    public static byte[] WindowUpdate(uint streamId, uint delta)
    {
        var frame = Control(SpdyControlType.WindowUpdate, 0, 8);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(8), streamId & 0x7fffffff);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(12), delta & 0x7fffffff);
        return frame;
    }

    public static byte[] Data(uint streamId, ReadOnlySpan<byte> data, bool fin)
    {
        if (data.Length > MaxPayload)
        {
            throw new ArgumentOutOfRangeException(nameof(data), data.Length, "a SPDY data frame carries at most 2^24-1 bytes");
        }

        var frame = new byte[8 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, streamId & 0x7fffffff);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), ((uint)(fin ? SpdyFrame.FlagFin : 0) << 24) | (uint)data.Length);
        data.CopyTo(frame.AsSpan(8));
        return frame;
    }

    private static byte[] Control(SpdyControlType type, byte flags, int length)
    {
        var frame = new byte[8 + length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, 0x8000 | Version);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)type);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), ((uint)flags << 24) | (uint)length);
        return frame;
    }
}
