using System.Text;
using Orchestrator.Dns.Records;
using Orchestrator.Dns.Server;
using Orchestrator.Dns.Tests.Wire;
using Orchestrator.Dns.Wire;

namespace Orchestrator.Dns.Tests.Server;

public sealed class DnsResponderTests
{
    private readonly byte[] _output = new byte[DnsMessageWriter.MaxMessage + 64];
    private readonly DnsResponder _responder = new(new DnsRecords("cluster.local", 30, 7, ServiceRecords.Compute(
        "cluster.local",
        [TestObjects.ClusterIp("default", "web", "10.96.0.20"), TestObjects.Headless("default", "many")],
        [TestObjects.Slice("default", "many", [], [.. Enumerable.Range(1, 60).Select(i => ($"10.244.0.{i}", (string?)null, true))])])));

    [Fact]
    public void AnswerEchoesIdRdAndTheClientsLetterCase()
    {
        var query = TestQuery.Build("WEB.default.svc.Cluster.Local", DnsType.A, id: 0xBEEF, recursionDesired: false);

        var answer = Respond(query);

        Assert.Equal(0xBEEF, (answer[0] << 8) | answer[1]);
        Assert.Equal(DnsPacket.FlagResponse | DnsPacket.FlagAuthoritative | DnsPacket.FlagRecursionAvailable, TestQuery.Flags(answer));
        Assert.Equal(query[12..^4], answer[12..(query.Length - 4)]);
        Assert.Equal(1, TestQuery.Count(answer, 1));
        // The answer's owner is a pointer to the question (offset 12), then A, IN, TTL 30, 4 bytes of 10.96.0.20.
        Assert.Equal(new byte[] { 0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 30, 0, 4, 10, 96, 0, 20 }, answer[query.Length..]);
    }

    [Fact]
    public void CachedAnswerServesTheNextQueryWithItsOwnId()
    {
        Respond(TestQuery.Build("web.default.svc.cluster.local", DnsType.A, id: 1));

        var second = Respond(TestQuery.Build("web.default.svc.cluster.local", DnsType.A, id: 2));

        Assert.Equal(2, (second[0] << 8) | second[1]);
    }

    [Fact]
    public void NxdomainCarriesTheSoaInAuthority()
    {
        var answer = Respond(TestQuery.Build("nope.default.svc.cluster.local", DnsType.A));

        Assert.Equal((int)DnsRcode.NameError, TestQuery.Flags(answer) & 0xF);
        Assert.Equal((0, 1), (TestQuery.Count(answer, 1), TestQuery.Count(answer, 2)));
        Assert.Contains("hostmaster", Encoding.ASCII.GetString(answer), StringComparison.Ordinal);
    }

    [Fact]
    public void UdpAnswerOver512BytesIsTruncatedUnlessEdnsAllowsIt()
    {
        var plain = Respond(TestQuery.Build("many.default.svc.cluster.local", DnsType.A));
        var edns = Respond(TestQuery.Build("many.default.svc.cluster.local", DnsType.A, ednsPayload: 4096));

        Assert.NotEqual(0, TestQuery.Flags(plain) & DnsPacket.FlagTruncated);
        Assert.Equal(0, TestQuery.Count(plain, 1));
        Assert.True(plain.Length <= 512);
        Assert.Equal(0, TestQuery.Flags(edns) & DnsPacket.FlagTruncated);
        Assert.Equal((60, 1), (TestQuery.Count(edns, 1), TestQuery.Count(edns, 3)));
    }

    [Fact]
    public void TcpAnswersAreNeverTruncated()
    {
        _responder.Respond(TestQuery.Build("many.default.svc.cluster.local", DnsType.A), _output, tcp: true, out var length);

        Assert.Equal(60, TestQuery.Count(_output.AsSpan(0, length), 1));
    }

    [Fact]
    public void NamesOutsideTheZoneAreForwarded() =>
        Assert.Equal(ResponseKind.Forward, _responder.Respond(TestQuery.Build("example.com", DnsType.A), _output, tcp: false, out _));

    [Fact]
    public void UpdateReplacesCachedAnswers()
    {
        Respond(TestQuery.Build("web.default.svc.cluster.local", DnsType.A));

        _responder.Update(new DnsRecords("cluster.local", 30, 8, []));

        Assert.Equal((int)DnsRcode.NameError, TestQuery.Flags(Respond(TestQuery.Build("web.default.svc.cluster.local", DnsType.A))) & 0xF);
    }

    [Fact]
    public void RandomlyCorruptedQueriesNeverThrowAndAnswersFitTheOutput()
    {
        var random = new Random(12);
        var seeds = new[] { TestQuery.Build("web.default.svc.cluster.local", DnsType.A, ednsPayload: 1232), TestQuery.Build("many.default.svc.cluster.local", DnsType.Srv) };
        for (var i = 0; i < 20_000; i++)
        {
            var packet = (byte[])seeds[i % 2].Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                packet[random.Next(packet.Length)] = (byte)random.Next(256);
            }

            var cut = packet.AsSpan(0, random.Next(packet.Length + 1));
            var kind = _responder.Respond(cut, _output, tcp: false, out var length);

            Assert.True(kind != ResponseKind.Answered || length is >= 12 and <= 4096 + 11, $"packet {i}: {kind} {length}");
        }
    }

    private byte[] Respond(byte[] query)
    {
        Assert.Equal(ResponseKind.Answered, _responder.Respond(query, _output, tcp: false, out var length));
        return _output[..length];
    }
}
