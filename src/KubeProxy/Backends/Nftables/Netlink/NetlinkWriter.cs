using System.Buffers.Binary;

namespace Orchestrator.KubeProxy.Backends.Nftables.Netlink;

/// <summary>
/// Appends netlink messages (<c>struct nlmsghdr</c> + <c>struct nfgenmsg</c>) and their attributes to one growing
/// buffer: lengths and padding as <c>linux/netlink.h</c> defines them (host byte order headers, 4-byte alignment).
/// </summary>
internal sealed class NetlinkWriter
{
    private const ushort NestedFlag = 0x8000;
    private byte[] buffer;

    /// <param name="capacity">Bytes to start with (a full sync's batch is ~25 MiB: growing by copies costs).</param>
    public NetlinkWriter(int capacity = 4096) => buffer = new byte[Math.Max(capacity, 64)];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => buffer.AsSpan(0, Length);

    /// <summary>The buffer itself (its first <see cref="Length"/> bytes are the messages), to send without a copy.</summary>
    public byte[] Buffer => buffer;

    /// <summary>Starts a message; returns its offset for <see cref="EndMessage"/>.</summary>
    public int BeginMessage(ushort type, ushort flags, uint sequence, byte family, ushort resourceId)
    {
        var start = Length;
        var header = Reserve(20);
        Host(header[4..], type);
        Host(header[6..], flags);
        Host(header[8..], sequence);
        header[16] = family;
        BinaryPrimitives.WriteUInt16BigEndian(header[18..], resourceId);
        return start;
    }

    public void EndMessage(int start) => Host(buffer.AsSpan(start), (uint)(Length - start));

    public int BeginNested(ushort type)
    {
        var start = Length;
        var header = Reserve(4);
        Host(header[2..], (ushort)(type | NestedFlag));
        return start;
    }

    public void EndNested(int start) => Host(buffer.AsSpan(start), (ushort)(Length - start));

    /// <summary>A 32-bit attribute in network byte order (nf_tables' NLA_U32 / NLA_BE32).</summary>
    public void U32(ushort type, uint value) => BinaryPrimitives.WriteUInt32BigEndian(Attribute(type, 4), value);

    public void U64(ushort type, ulong value) => BinaryPrimitives.WriteUInt64BigEndian(Attribute(type, 8), value);

    /// <summary>A NUL-terminated string attribute.</summary>
    public void String(ushort type, string value)
    {
        var span = Attribute(type, Encoding.UTF8.GetByteCount(value) + 1);
        span[Encoding.UTF8.GetBytes(value, span)] = 0;
    }

    public void Bytes(ushort type, ReadOnlySpan<byte> value) => value.CopyTo(Attribute(type, value.Length));

    private Span<byte> Attribute(ushort type, int payload)
    {
        var length = 4 + payload;
        var span = Reserve(Align(length));
        Host(span, (ushort)length);
        Host(span[2..], type);
        return span.Slice(4, payload);
    }

    private Span<byte> Reserve(int count)
    {
        if (Length + count > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, Length + count));
        }

        var span = buffer.AsSpan(Length, count);
        span.Clear();
        Length += count;
        return span;
    }

    // Netlink headers are in host byte order.
    private static void Host<T>(Span<byte> destination, T value)
        where T : struct => MemoryMarshal.Write(destination, in value);

    private static int Align(int length) => (length + 3) & ~3;
}
