namespace Orchestrator.Dns.Wire;

/// <summary>
/// A parsed query: the header fields an answer echoes, the question's type and class, where the
/// question ends in the packet (its bytes are copied into answers, which keeps the client's letter
/// case), how long the name's text is, and the EDNS0 UDP payload size (512 without OPT).
/// </summary>
internal readonly record struct DnsQuery(ushort Id, ushort Flags, DnsType Type, ushort Class, int QuestionEnd, int NameLength, int UdpLimit, bool HasEdns)
{
    public const int HeaderLength = 12;
    public const int ClassIn = 1;
    public const int ClassAny = 255;

    public bool RecursionDesired => (Flags & 0x0100) != 0;

    /// <summary>The question's length in bytes (0 when it was not parsed).</summary>
    public int QuestionLength => Math.Max(0, QuestionEnd - HeaderLength);
}
