namespace Orchestrator.Dns;

/// <summary>Settings of a node's cluster DNS (defaults: CoreDNS's for a kubeadm cluster, TTL 5 s as CoreDNS's kubernetes plugin).</summary>
public sealed record DnsOptions
{
    /// <summary>The cluster domain served (the kubelet's clusterDomain).</summary>
    public string Domain { get; init; } = "cluster.local";

    public IPAddress ListenAddress { get; init; } = IPAddress.Any;

    /// <summary>UDP and TCP port; 0 picks a free one (tests).</summary>
    public int Port { get; init; } = 53;

    /// <summary>TTL of every answer, and the negative-caching time in the SOA.</summary>
    public TimeSpan Ttl { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Resolvers for names outside the zone; null: the nameservers of <see cref="ResolvConf"/>, port 53.</summary>
    public IReadOnlyList<IPEndPoint>? Upstreams { get; init; }

    /// <summary>The node's resolver configuration, read when <see cref="Upstreams"/> is null.</summary>
    public string ResolvConf { get; init; } = "/etc/resolv.conf";

    /// <summary>How long one upstream gets to answer before the next is tried (then SERVFAIL).</summary>
    public TimeSpan UpstreamTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The node this server runs on: its EndpointSlice kube-dns-&lt;node&gt; is published when this and <see cref="NodeIp"/> are set.</summary>
    public string? NodeName { get; init; }

    /// <summary>The node's address pods reach this server at (the endpoint of the node's kube-dns slice).</summary>
    public string? NodeIp { get; init; }

    /// <summary>The kube-dns Service's cluster IP (the kubelet's clusterDNS).</summary>
    public string ServiceIp { get; init; } = "10.96.0.10";

    /// <summary>
    /// Concurrent UDP receive loops, one thread and SO_REUSEPORT socket each; default one per core. Each loop
    /// answers a batch of queued datagrams per wake-up (recvmmsg), so more loops than cores only split the
    /// batches: bench/dns.sh on 2 cores, 2 loops against 4: higher qps in 5 of 6 rounds, less CPU per query.
    /// </summary>
    public int UdpReceivers { get; init; } = Environment.ProcessorCount;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Domain) || Domain.Trim('.').Split('.').Any(l => l.Length is 0 or > 63))
        {
            throw new ArgumentException($"dns: invalid cluster domain \"{Domain}\"");
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"dns: port {Port} is out of range 0-65535");
        }

        if (Ttl < TimeSpan.Zero || Ttl > TimeSpan.FromHours(1))
        {
            throw new ArgumentException($"dns: ttl {Ttl} must be between 0 and 1h");
        }

        if (UpstreamTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("dns: upstream timeout must be positive");
        }

        if (!IPAddress.TryParse(ServiceIp, out _))
        {
            throw new ArgumentException($"dns: service IP \"{ServiceIp}\" is not an IP address");
        }

        if (NodeIp is not null && !IPAddress.TryParse(NodeIp, out _))
        {
            throw new ArgumentException($"dns: node IP \"{NodeIp}\" is not an IP address");
        }

        if (UdpReceivers < 1)
        {
            throw new ArgumentException("dns: at least one UDP receiver is needed");
        }
    }
}
