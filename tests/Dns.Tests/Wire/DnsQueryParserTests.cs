using Orchestrator.Dns.Wire;

namespace Orchestrator.Dns.Tests.Wire;

public sealed class DnsQueryParserTests
{
    [Fact]
    public void ParsesTheQuestionLowerCasedWithTypeClassAndEdnsSize()
    {
        var packet = TestQuery.Build("Web.Default.SVC.cluster.local", DnsType.Srv, id: 77, ednsPayload: 1232);
        var name = new char[DnsQueryParser.MaxNameLength];

        var status = DnsQueryParser.Parse(packet, name, out var query);

        Assert.Equal(ParseStatus.Ok, status);
        Assert.Equal("web.default.svc.cluster.local", new string(name, 0, query.NameLength));
        Assert.Equal((77, DnsType.Srv, (ushort)1, 1232, true, true), (query.Id, query.Type, query.Class, query.UdpLimit, query.HasEdns, query.RecursionDesired));
        Assert.Equal(packet.Length - 11, query.QuestionEnd);
    }

    [Fact]
    public void WithoutEdnsTheUdpLimitIs512() =>
        Assert.Equal(512, Parse(TestQuery.Build("a.b", DnsType.A)).Query.UdpLimit);

    public static TheoryData<string, byte[], int> Hostile => new()
    {
        { "empty", [], (int)ParseStatus.Drop },
        { "shorter than a header", [0x12, 0x34, 0x01, 0x00, 0x00], (int)ParseStatus.Drop },
        { "a response", [0x12, 0x34, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1], (int)ParseStatus.Drop },
        { "opcode STATUS", [0x12, 0x34, 0x10, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1], (int)ParseStatus.NotImplemented },
        { "no question", [0x12, 0x34, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0], (int)ParseStatus.FormatError },
        { "65535 questions", [0x12, 0x34, 0x01, 0x00, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1], (int)ParseStatus.FormatError },
        { "65535 answers", [0x12, 0x34, 0x01, 0x00, 0, 1, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 1, 0, 1], (int)ParseStatus.FormatError },
        { "65535 additionals", [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0, 1, 0, 1], (int)ParseStatus.FormatError },
        { "label past the end", [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 40, (byte)'a', (byte)'b'], (int)ParseStatus.FormatError },
        { "name without terminator", [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 1, (byte)'a'], (int)ParseStatus.FormatError },
        { "pointer to itself", [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1], (int)ParseStatus.FormatError },
        { "pointer loop into the header", [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 0, 0, 1, 0, 1], (int)ParseStatus.FormatError },
        { "extended label type", [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0x41, 0, 0, 1, 0, 1], (int)ParseStatus.FormatError },
        { "type cut short", [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0], (int)ParseStatus.FormatError },
        { "additional that is not OPT", [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0], (int)ParseStatus.FormatError },
        { "OPT data past the end", [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 41, 16, 0, 0, 0, 0, 0, 0xFF, 0xFF], (int)ParseStatus.FormatError },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void HostilePacketsAreDroppedOrRefusedWithoutReadingPastTheEnd(string what, byte[] packet, int expected)
    {
        Assert.True((ParseStatus)expected == Parse(packet).Status, what);
    }

    [Fact]
    public void NameLongerThan255BytesIsFormatError()
    {
        var name = string.Join('.', Enumerable.Repeat(new string('a', 63), 5));

        Assert.Equal(ParseStatus.FormatError, Parse(TestQuery.Build(name, DnsType.A)).Status);
    }

    [Fact]
    public void DotsAndControlBytesInsideALabelNeverSpellAZoneName()
    {
        var packet = TestQuery.Build("x", DnsType.A);
        packet[13] = (byte)'.';
        var name = new char[DnsQueryParser.MaxNameLength];

        DnsQueryParser.Parse(packet, name, out var query);

        Assert.NotEqual('.', name[0]);
        Assert.Equal(1, query.NameLength);
    }

    private static (ParseStatus Status, DnsQuery Query) Parse(byte[] packet)
    {
        var status = DnsQueryParser.Parse(packet, new char[DnsQueryParser.MaxNameLength], out var query);
        return (status, query);
    }
}
