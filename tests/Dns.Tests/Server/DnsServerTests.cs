using System.Net;
using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;
using Orchestrator.Dns.Records;

namespace Orchestrator.Dns.Tests.Server;

/// <summary>The server over real loopback sockets, checked with an independent resolver (DnsClient).</summary>
public sealed class DnsServerTests : IAsyncLifetime
{
    private static readonly DnsRecords Zone = new("cluster.local", 5, 42, ServiceRecords.Compute(
        "cluster.local",
        [TestObjects.ClusterIp("default", "web", "10.96.0.20", ("http", "TCP", 80)), TestObjects.Headless("default", "db"), TestObjects.Headless("default", "wide")],
        [
            TestObjects.Slice("default", "db", [("pg", "TCP", 5432)], ("10.244.1.5", "db-0", true)),
            TestObjects.Slice("default", "wide", [], [.. Enumerable.Range(1, 80).Select(i => ($"10.244.7.{i}", (string?)null, true))]),
        ]));

    private TestDnsServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new TestDnsServer(Zone);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ServiceNameResolvesToItsClusterIpOverUdpAndTcp(bool tcp)
    {
        var response = await _server.Client(tcp).QueryAsync("web.default.svc.cluster.local", QueryType.A);

        Assert.Equal(DnsHeaderResponseCode.NoError, response.Header.ResponseCode);
        Assert.True(response.Header.HasAuthorityAnswer);
        var record = Assert.Single(response.Answers.ARecords());
        Assert.Equal(IPAddress.Parse("10.96.0.20"), record.Address);
        Assert.Equal(5, record.InitialTimeToLive);
    }

    [Fact]
    public async Task PerDatagramLoopsAnswerAndForwardToo()
    {
        // The loops used where recvmmsg is not available (Windows nodes).
        var upstreamZone = new DnsRecords("example.test", 60, 1, [new DnsRecord("www.example.test", Dns.Wire.DnsType.A, "192.0.2.7")]);
        await using var upstream = new TestDnsServer(upstreamZone, batch: false);
        await using var server = new TestDnsServer(Zone, [upstream.EndPoint], batch: false);

        var local = await server.Client().QueryAsync("web.default.svc.cluster.local", QueryType.A);
        var forwarded = await server.Client().QueryAsync("www.example.test", QueryType.A);

        Assert.Equal(IPAddress.Parse("10.96.0.20"), Assert.Single(local.Answers.ARecords()).Address);
        Assert.Equal(IPAddress.Parse("192.0.2.7"), Assert.Single(forwarded.Answers.ARecords()).Address);
    }

    [Fact]
    public async Task DisposingRightAfterStartEndsEveryReceiveLoop()
    {
        for (var i = 0; i < 20; i++)
        {
            await new TestDnsServer(Zone).DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public async Task SrvRecordNamesThePortAndTarget()
    {
        var response = await _server.Client().QueryAsync("_pg._tcp.db.default.svc.cluster.local", QueryType.SRV);

        var srv = Assert.Single(response.Answers.SrvRecords());
        Assert.Equal((5432, "db-0.db.default.svc.cluster.local."), (srv.Port, srv.Target.Value));
    }

    [Fact]
    public async Task PtrOfAClusterIpNamesTheService()
    {
        var response = await _server.Client().QueryReverseAsync(IPAddress.Parse("10.96.0.20"));

        Assert.Equal("web.default.svc.cluster.local.", Assert.Single(response.Answers.PtrRecords()).PtrDomainName.Value);
    }

    [Fact]
    public async Task AaaaOfAnIpv4OnlyNameIsNodataWithSoa()
    {
        var response = await _server.Client().QueryAsync("web.default.svc.cluster.local", QueryType.AAAA);

        Assert.Equal(DnsHeaderResponseCode.NoError, response.Header.ResponseCode);
        Assert.Empty(response.Answers);
        Assert.Equal(42u, Assert.Single(response.Authorities.SoaRecords()).Serial);
    }

    [Fact]
    public async Task UnknownServiceIsNxdomain()
    {
        var response = await _server.Client().QueryAsync("nope.default.svc.cluster.local", QueryType.A);

        Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, response.Header.ResponseCode);
        Assert.Single(response.Authorities.SoaRecords());
    }

    [Fact]
    public async Task LargeHeadlessAnswerIsTruncatedOverUdpAndCompleteOverTcp()
    {
        var options = new LookupClientOptions(new NameServer(_server.EndPoint)) { UseCache = false, Retries = 0, UseTcpFallback = false, ExtendedDnsBufferSize = 512, ThrowDnsErrors = false };
        var udp = await Assert.ThrowsAsync<DnsResponseException>(() => new LookupClient(options).QueryAsync("wide.default.svc.cluster.local", QueryType.A));
        var tcp = await _server.Client(tcp: true).QueryAsync("wide.default.svc.cluster.local", QueryType.A);

        Assert.Contains("truncated", udp.Message, StringComparison.Ordinal);
        Assert.Equal(80, tcp.Answers.ARecords().Count());
    }

    [Fact]
    public async Task OtherNamesAreForwardedToTheUpstream()
    {
        var upstreamZone = new DnsRecords("example.test", 60, 1, [new DnsRecord("www.example.test", Dns.Wire.DnsType.A, "192.0.2.7")]);
        await using var upstream = new TestDnsServer(upstreamZone);
        await using var server = new TestDnsServer(Zone, [upstream.EndPoint]);

        var udp = await server.Client().QueryAsync("www.example.test", QueryType.A);
        var tcp = await server.Client(tcp: true).QueryAsync("www.example.test", QueryType.A);

        Assert.Equal(IPAddress.Parse("192.0.2.7"), Assert.Single(udp.Answers.ARecords()).Address);
        Assert.Equal(IPAddress.Parse("192.0.2.7"), Assert.Single(tcp.Answers.ARecords()).Address);
    }

    [Fact]
    public async Task SilentUpstreamGivesServfail()
    {
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await using var server = new TestDnsServer(Zone, [(IPEndPoint)silent.LocalEndPoint!], TimeSpan.FromMilliseconds(200));

        var response = await server.Client().QueryAsync("www.example.test", QueryType.A);

        Assert.Equal(DnsHeaderResponseCode.ServerFailure, response.Header.ResponseCode);
    }

    [Fact]
    public void ForwarderNeverUsesTheServerItself()
    {
        var listen = new IPEndPoint(IPAddress.Any, 53);
        IPEndPoint[] upstreams = [new(IPAddress.Loopback, 53), new(IPAddress.Parse("10.96.0.10"), 53), new(IPAddress.Parse("192.168.1.5"), 53), new(IPAddress.Parse("192.168.1.1"), 53), new(IPAddress.Loopback, 5353)];

        var usable = Orchestrator.Dns.Server.UpstreamForwarder.WithoutSelf(upstreams, listen, [IPAddress.Parse("10.96.0.10"), IPAddress.Parse("192.168.1.5")]);

        Assert.Equal([upstreams[3], upstreams[4]], usable);
    }
}
