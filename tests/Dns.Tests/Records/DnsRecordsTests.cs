using Orchestrator.Dns.Records;
using Orchestrator.Dns.Wire;

namespace Orchestrator.Dns.Tests.Records;

public sealed class DnsRecordsTests
{
    private static readonly DnsRecords Zone = new("cluster.local", 5, 1, ServiceRecords.Compute(
        "cluster.local",
        [
            TestObjects.ClusterIp("default", "web", "10.96.0.20", ("http", "TCP", 80)),
            TestObjects.ExternalName("default", "alias", "web.default.svc.cluster.local"),
            TestObjects.ExternalName("default", "outside", "example.com"),
        ],
        []));

    public static TheoryData<string, int, int, string[]> Cases => new()
    {
        { "web.default.svc.cluster.local", (int)DnsType.A, (int)DnsRcode.NoError, ["10.96.0.20"] },
        // An IPv4-only name asked for AAAA: NODATA.
        { "web.default.svc.cluster.local", (int)DnsType.Aaaa, (int)DnsRcode.NoError, [] },
        { "missing.default.svc.cluster.local", (int)DnsType.A, (int)DnsRcode.NameError, [] },
        { "default.svc.cluster.local", (int)DnsType.A, (int)DnsRcode.NoError, [] },
        { "svc.cluster.local", (int)DnsType.A, (int)DnsRcode.NoError, [] },
        { "cluster.local", (int)DnsType.Soa, (int)DnsRcode.NoError, ["cluster.local"] },
        { "10-244-1-7.default.pod.cluster.local", (int)DnsType.A, (int)DnsRcode.NoError, ["10.244.1.7"] },
        { "10-244-1-7.default.pod.cluster.local", (int)DnsType.Aaaa, (int)DnsRcode.NoError, [] },
        { "10-244-1-300.default.pod.cluster.local", (int)DnsType.A, (int)DnsRcode.NameError, [] },
        { "alias.default.svc.cluster.local", (int)DnsType.A, (int)DnsRcode.NoError, ["web.default.svc.cluster.local", "10.96.0.20"] },
        { "outside.default.svc.cluster.local", (int)DnsType.A, (int)DnsRcode.NoError, ["example.com"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void LookupAnswersLikeCoreDns(string name, int type, int rcode, string[] data)
    {
        var answer = Zone.Lookup(name, (DnsType)type);

        Assert.NotNull(answer);
        Assert.Equal((DnsRcode)rcode, answer.Rcode);
        Assert.Equal(data, answer.Records.Select(r => r.Data));
    }

    [Theory]
    [InlineData("example.com")]
    [InlineData("local")]
    [InlineData("9.9.9.9.in-addr.arpa")]
    public void NamesOutsideTheZoneAndUnknownReverseNamesGoUpstream(string name) =>
        Assert.Null(Zone.Lookup(name, DnsType.A));

    [Fact]
    public void AnyReturnsEveryRecordOfTheName() =>
        Assert.Equal([DnsType.A], Zone.Lookup("web.default.svc.cluster.local", DnsType.Any)!.Records.Select(r => r.Type));
}
