using Orchestrator.Dns.Records;
using Orchestrator.Dns.Wire;

namespace Orchestrator.Dns.Tests.Records;

public sealed class ServiceRecordsTests
{
    private const string Zone = "cluster.local";

    public static TheoryData<string, string[]> ClusterIpCases => new()
    {
        { "web.default.svc.cluster.local", ["A 10.96.0.20"] },
        { "_http._tcp.web.default.svc.cluster.local", ["SRV 0 100 80 web.default.svc.cluster.local"] },
        { "_dns._udp.web.default.svc.cluster.local", ["SRV 0 100 53 web.default.svc.cluster.local"] },
        { "20.0.96.10.in-addr.arpa", ["PTR web.default.svc.cluster.local"] },
        { "dns-version.cluster.local", ["TXT 1.1.0"] },
    };

    [Theory]
    [MemberData(nameof(ClusterIpCases))]
    public void ClusterIpServiceHasAddressSrvPerNamedPortAndPtr(string name, string[] expected)
    {
        var service = TestObjects.ClusterIp("default", "web", "10.96.0.20", ("http", "TCP", 80), ("dns", "UDP", 53), ("", "TCP", 9000));

        var records = new DnsRecords(Zone, 5, 1, ServiceRecords.Compute(Zone, [service], []));

        Assert.Equal(expected, records.Get(name).Select(Describe));
    }

    [Fact]
    public void UnnamedPortsHaveNoSrvRecords()
    {
        var service = TestObjects.ClusterIp("default", "web", "10.96.0.20", ("", "TCP", 80));

        var records = ServiceRecords.Compute(Zone, [service], []);

        Assert.DoesNotContain(records, r => r.Type == DnsType.Srv);
    }

    public static TheoryData<string, string[]> HeadlessCases => new()
    {
        { "db.prod.svc.cluster.local", ["A 10.244.1.5", "A 10.244.2.6"] },
        { "db-0.db.prod.svc.cluster.local", ["A 10.244.1.5"] },
        { "10-244-2-6.db.prod.svc.cluster.local", ["A 10.244.2.6"] },
        { "_pg._tcp.db.prod.svc.cluster.local", ["SRV 0 50 5432 db-0.db.prod.svc.cluster.local", "SRV 0 50 5432 10-244-2-6.db.prod.svc.cluster.local"] },
        { "5.1.244.10.in-addr.arpa", ["PTR db-0.db.prod.svc.cluster.local"] },
        { "7.3.244.10.in-addr.arpa", [] },
    };

    [Theory]
    [MemberData(nameof(HeadlessCases))]
    public void HeadlessServiceAnswersReadyEndpointsByHostnameOrDashedAddress(string name, string[] expected)
    {
        var slice = TestObjects.Slice("prod", "db", [("pg", "TCP", 5432)], ("10.244.1.5", "db-0", true), ("10.244.2.6", null, true), ("10.244.3.7", "db-2", false));

        var records = new DnsRecords(Zone, 5, 1, ServiceRecords.Compute(Zone, [TestObjects.Headless("prod", "db")], [slice]));

        Assert.Equal(expected, records.Get(name).Select(Describe));
    }

    [Fact]
    public void HeadlessServiceWithoutReadyEndpointsIsNxdomain()
    {
        var slice = TestObjects.Slice("prod", "db", [], ("10.244.3.7", null, false));

        var records = new DnsRecords(Zone, 5, 1, ServiceRecords.Compute(Zone, [TestObjects.Headless("prod", "db")], [slice]));

        Assert.Equal(DnsRcode.NameError, records.Lookup("db.prod.svc.cluster.local", DnsType.A)!.Rcode);
    }

    [Fact]
    public void SlicesOfAnotherNamespaceOrServiceAreNotUsed()
    {
        var other = TestObjects.Slice("dev", "db", [], ("10.244.9.9", null, true));

        var records = ServiceRecords.Compute(Zone, [TestObjects.Headless("prod", "db")], [other]);

        Assert.DoesNotContain(records, r => r.Data == "10.244.9.9");
    }

    [Fact]
    public void ExternalNameIsACnameToTheNormalisedTarget()
    {
        var records = ServiceRecords.Compute(Zone, [TestObjects.ExternalName("default", "search", "Example.COM.")], []);

        Assert.Contains(new DnsRecord("search.default.svc.cluster.local", DnsType.Cname, "example.com"), records);
    }

    [Fact]
    public void ServiceWithoutAllocatedClusterIpHasNoRecords()
    {
        var records = ServiceRecords.Compute(Zone, [TestObjects.ClusterIp("default", "web", "")], []);

        Assert.DoesNotContain(records, r => r.Name.StartsWith("web.", StringComparison.Ordinal));
    }

    private static string Describe(DnsRecord r) => r.Type switch
    {
        DnsType.Srv => $"SRV {r.Priority} {r.Weight} {r.Port} {r.Data}",
        _ => $"{r.Type.ToString().ToUpperInvariant()} {r.Data}",
    };
}
