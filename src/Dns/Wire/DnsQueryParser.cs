namespace Orchestrator.Dns.Wire;

/// <summary>
/// Parses a query packet without allocating, robust to hostile input: every length is checked
/// against the packet, a name is at most 255 bytes of 63-byte labels, compression pointers are
/// refused in a question (nothing precedes it to point at, so they can only loop), counts other than
/// one question and at most one additional (the EDNS0 OPT record) are FORMERR, so no count makes the
/// parser walk further than the packet.
/// </summary>
internal static class DnsQueryParser
{
    public const int MaxNameLength = 255;
    private const int MaxUdpPayload = 4096;

    /// <summary>
    /// Parses <paramref name="packet"/>; writes the question name's text (lower-case, labels joined by
    /// '.', no trailing dot, empty for the root) into <paramref name="name"/>, which must hold
    /// <see cref="MaxNameLength"/> characters. Bytes that cannot appear in a host name ('.', spaces,
    /// controls, non-ASCII) become characters above U+00FF, so such a name never matches a record.
    /// </summary>
    public static ParseStatus Parse(ReadOnlySpan<byte> packet, Span<char> name, out DnsQuery query)
    {
        query = default;
        if (packet.Length < DnsQuery.HeaderLength)
        {
            return ParseStatus.Drop;
        }

        var id = BinaryPrimitives.ReadUInt16BigEndian(packet);
        var flags = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        query = new DnsQuery(id, flags, 0, 0, DnsQuery.HeaderLength, 0, 512, false);
        if ((flags & 0x8000) != 0)
        {
            return ParseStatus.Drop;
        }

        if (((flags >> 11) & 0xF) != 0)
        {
            return ParseStatus.NotImplemented;
        }

        var questions = BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        var answers = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]);
        var authorities = BinaryPrimitives.ReadUInt16BigEndian(packet[8..]);
        var additionals = BinaryPrimitives.ReadUInt16BigEndian(packet[10..]);
        if (questions != 1 || answers != 0 || authorities != 0 || additionals > 1)
        {
            return ParseStatus.FormatError;
        }

        var position = DnsQuery.HeaderLength;
        if (!ReadName(packet, ref position, name, out var nameLength) || position + 4 > packet.Length)
        {
            return ParseStatus.FormatError;
        }

        var type = (DnsType)BinaryPrimitives.ReadUInt16BigEndian(packet[position..]);
        var @class = BinaryPrimitives.ReadUInt16BigEndian(packet[(position + 2)..]);
        position += 4;
        query = query with { Type = type, Class = @class, QuestionEnd = position, NameLength = nameLength };
        if (additionals == 0)
        {
            return ParseStatus.Ok;
        }

        // The one additional record a query may carry is OPT: the root name, type 41, the payload size in the class field.
        if (position + 11 > packet.Length || packet[position] != 0 || (DnsType)BinaryPrimitives.ReadUInt16BigEndian(packet[(position + 1)..]) != DnsType.Opt)
        {
            return ParseStatus.FormatError;
        }

        var payload = BinaryPrimitives.ReadUInt16BigEndian(packet[(position + 3)..]);
        var rdLength = BinaryPrimitives.ReadUInt16BigEndian(packet[(position + 9)..]);
        if (position + 11 + rdLength > packet.Length)
        {
            return ParseStatus.FormatError;
        }

        query = query with { HasEdns = true, UdpLimit = Math.Clamp((int)payload, 512, MaxUdpPayload) };
        return ParseStatus.Ok;
    }

    private static bool ReadName(ReadOnlySpan<byte> packet, ref int position, Span<char> name, out int length)
    {
        length = 0;
        var wire = 0;
        while (true)
        {
            if (position >= packet.Length)
            {
                return false;
            }

            int label = packet[position++];
            wire++;
            if (label == 0)
            {
                return true;
            }

            // 0xC0 is a compression pointer, 0x40 and 0x80 are extended label types: none belongs in a question.
            if ((label & 0xC0) != 0 || position + label > packet.Length)
            {
                return false;
            }

            wire += label;
            if (wire > MaxNameLength)
            {
                return false;
            }

            if (length > 0)
            {
                name[length++] = '.';
            }

            foreach (var b in packet.Slice(position, label))
            {
                name[length++] = b switch
                {
                    >= (byte)'A' and <= (byte)'Z' => (char)(b + 32),
                    > 0x20 and < 0x7F and not (byte)'.' => (char)b,
                    _ => (char)(0x100 + b),
                };
            }

            position += label;
        }
    }
}
