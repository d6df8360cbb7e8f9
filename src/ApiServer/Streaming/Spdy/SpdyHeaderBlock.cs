using System.Buffers.Binary;

namespace Orchestrator.ApiServer.Streaming.Spdy;

/// <summary>
/// The SPDY/3 name/value header block before compression (§2.6.10): a 32-bit pair count, then
/// per pair a 32-bit length and the lower-case name, a 32-bit length and the value; several values
/// of one name are joined by NUL.
/// </summary>
internal static class SpdyHeaderBlock
{
    public static byte[] Encode(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var grouped = headers
            .GroupBy(h => h.Key.ToLowerInvariant(), StringComparer.Ordinal)
            .Select(g => (Name: Encoding.UTF8.GetBytes(g.Key), Value: Encoding.UTF8.GetBytes(string.Join('\0', g.Select(h => h.Value)))))
            .ToList();
        var block = new byte[4 + grouped.Sum(h => 8 + h.Name.Length + h.Value.Length)];
        BinaryPrimitives.WriteUInt32BigEndian(block, (uint)grouped.Count);
        var offset = 4;
        foreach (var (name, value) in grouped)
        {
            offset = WriteString(block, offset, name);
            offset = WriteString(block, offset, value);
        }

        return block;
    }

    /// <summary>The pairs of an uncompressed block; several values of one name come back as several pairs.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Decode(ReadOnlySpan<byte> block)
    {
        var count = BinaryPrimitives.ReadUInt32BigEndian(block);
        var offset = 4;
        var headers = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < count; i++)
        {
            var name = ReadString(block, ref offset);
            var values = ReadString(block, ref offset);
            headers.AddRange(values.Split('\0').Select(v => KeyValuePair.Create(name, v)));
        }

        return headers;
    }

    private static int WriteString(byte[] block, int offset, byte[] text)
    {
        BinaryPrimitives.WriteUInt32BigEndian(block.AsSpan(offset), (uint)text.Length);
        text.CopyTo(block, offset + 4);
        return offset + 4 + text.Length;
    }

    private static string ReadString(ReadOnlySpan<byte> block, ref int offset)
    {
        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(block[offset..]);
        var text = Encoding.UTF8.GetString(block.Slice(offset + 4, length));
        offset += 4 + length;
        return text;
    }
}
