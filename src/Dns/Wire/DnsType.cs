namespace Orchestrator.Dns.Wire;

/// <summary>The record types the cluster DNS answers or recognises (RFC 1035, 2782, 3596, 6891).</summary>
internal enum DnsType : ushort
{
    A = 1,
    Ns = 2,
    Cname = 5,
    Soa = 6,
    Ptr = 12,
    Txt = 16,
    Aaaa = 28,
    Srv = 33,
    Opt = 41,
    Any = 255,
}
