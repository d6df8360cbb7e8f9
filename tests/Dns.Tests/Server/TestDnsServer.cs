using System.Net;
using DnsClient;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Dns.Records;
using Orchestrator.Dns.Server;

namespace Orchestrator.Dns.Tests.Server;

/// <summary>A <see cref="DnsServer"/> on 127.0.0.1 at a free port, and a DnsClient resolver pointed at it.</summary>
internal sealed class TestDnsServer : IAsyncDisposable
{
    private readonly DnsServer _server;

    public TestDnsServer(DnsRecords records, IReadOnlyList<IPEndPoint>? upstreams = null, TimeSpan? upstreamTimeout = null, bool batch = true)
    {
        Responder = new DnsResponder(records);
        _server = new DnsServer(Responder, new UpstreamForwarder(upstreams ?? [], upstreamTimeout ?? TimeSpan.FromSeconds(2)), NullLogger.Instance);
        _server.Start(new IPEndPoint(IPAddress.Loopback, 0), 2, batch);
    }

    public DnsResponder Responder { get; }

    public IPEndPoint EndPoint => _server.LocalEndPoint!;

    public LookupClient Client(bool tcp = false) => new(new LookupClientOptions(new NameServer(EndPoint))
    {
        UseCache = false,
        Retries = 0,
        Timeout = TimeSpan.FromSeconds(5),
        UseTcpOnly = tcp,
        ThrowDnsErrors = false,
        ContinueOnDnsError = false,
    });

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
