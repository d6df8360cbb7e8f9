namespace Orchestrator.Dns.Wire;

/// <summary>Per-query finishing of answers: header patching, EDNS0, truncation, error answers. No allocation.</summary>
internal static class DnsPacket
{
    public const int FlagResponse = 0x8000;
    public const int FlagAuthoritative = 0x0400;
    public const int FlagTruncated = 0x0200;
    public const int FlagRecursionDesired = 0x0100;
    public const int FlagRecursionAvailable = 0x0080;

    /// <summary>The UDP payload size this server advertises in its OPT record (the DNS flag day 2020 value).</summary>
    public const ushort AdvertisedPayload = 1232;

    private const int OptLength = 11;

    /// <summary>
    /// Copies the prebuilt <paramref name="answer"/> into <paramref name="output"/> for one query: its
    /// ID and RD bit, its question bytes (so the client's letter case comes back, RFC 4343 / 0x20
    /// randomisation), an OPT record when the query had one; when the whole answer is longer than
    /// <paramref name="limit"/>, only the header and question with TC set (RFC 2181 §9). Returns the length written.
    /// </summary>
    public static int CopyAnswer(ReadOnlySpan<byte> answer, ReadOnlySpan<byte> query, in DnsQuery parsed, Span<byte> output, int limit)
    {
        var opt = parsed.HasEdns ? OptLength : 0;
        var questionEnd = parsed.QuestionEnd;
        int length;
        if (answer.Length + opt <= limit)
        {
            answer.CopyTo(output);
            length = answer.Length;
        }
        else
        {
            answer[..questionEnd].CopyTo(output);
            output[2] |= FlagTruncated >> 8;
            output[6..10].Clear();
            length = questionEnd;
        }

        query[DnsQuery.HeaderLength..questionEnd].CopyTo(output[DnsQuery.HeaderLength..]);
        BinaryPrimitives.WriteUInt16BigEndian(output, parsed.Id);
        output[2] = (byte)((output[2] & ~(FlagRecursionDesired >> 8)) | (parsed.RecursionDesired ? FlagRecursionDesired >> 8 : 0));
        return length + WriteOpt(parsed, output, length);
    }

    /// <summary>
    /// An error answer (<paramref name="rcode"/>) to a query: its ID, opcode and RD bit, its question
    /// when it was parsed, an OPT record when the query had one.
    /// </summary>
    public static int Error(ReadOnlySpan<byte> query, in DnsQuery parsed, DnsRcode rcode, Span<byte> output)
    {
        var questionLength = parsed.QuestionLength;
        output[..DnsQuery.HeaderLength].Clear();
        BinaryPrimitives.WriteUInt16BigEndian(output, parsed.Id);
        var flags = FlagResponse | (parsed.Flags & (0x7800 | FlagRecursionDesired)) | FlagRecursionAvailable | (int)rcode;
        BinaryPrimitives.WriteUInt16BigEndian(output[2..], (ushort)flags);
        BinaryPrimitives.WriteUInt16BigEndian(output[4..], (ushort)(questionLength > 0 ? 1 : 0));
        query.Slice(DnsQuery.HeaderLength, questionLength).CopyTo(output[DnsQuery.HeaderLength..]);
        var length = DnsQuery.HeaderLength + questionLength;
        return length + WriteOpt(parsed, output, length);
    }

    /// <summary>Appends this server's OPT record when the query carried one; sets ARCOUNT. Returns the bytes added.</summary>
    private static int WriteOpt(in DnsQuery parsed, Span<byte> output, int at)
    {
        BinaryPrimitives.WriteUInt16BigEndian(output[10..], (ushort)(parsed.HasEdns ? 1 : 0));
        if (!parsed.HasEdns)
        {
            return 0;
        }

        var opt = output.Slice(at, OptLength);
        opt.Clear();
        BinaryPrimitives.WriteUInt16BigEndian(opt[1..], (ushort)DnsType.Opt);
        BinaryPrimitives.WriteUInt16BigEndian(opt[3..], AdvertisedPayload);
        return OptLength;
    }
}
