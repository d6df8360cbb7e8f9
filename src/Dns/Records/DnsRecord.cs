namespace Orchestrator.Dns.Records;

/// <summary>
/// One resource record of the cluster zone. <paramref name="Name"/> is lower-case without the
/// trailing dot; <paramref name="Data"/> is an IP address (A, AAAA), a target name (CNAME, PTR, SRV),
/// the text (TXT) or the zone (SOA, whose fields the writer derives). Priority, weight and port are
/// SRV's.
/// </summary>
internal sealed record DnsRecord(string Name, DnsType Type, string Data, ushort Priority = 0, ushort Weight = 0, ushort Port = 0)
{
    public static DnsRecord Address(string name, string ip) =>
        new(name, ip.Contains(':', StringComparison.Ordinal) ? DnsType.Aaaa : DnsType.A, ip);

    public static DnsRecord Srv(string name, ushort weight, ushort port, string target) => new(name, DnsType.Srv, target, 0, weight, port);
}
