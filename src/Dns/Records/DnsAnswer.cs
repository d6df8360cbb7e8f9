namespace Orchestrator.Dns.Records;

/// <summary>
/// The zone's answer to one question: NOERROR with records, NODATA (NOERROR, no records) or
/// NXDOMAIN. Negative answers carry the zone's SOA in the authority section (RFC 2308).
/// </summary>
internal sealed record DnsAnswer(DnsRcode Rcode, IReadOnlyList<DnsRecord> Records)
{
    public static readonly DnsAnswer NoData = new(DnsRcode.NoError, []);
    public static readonly DnsAnswer NameError = new(DnsRcode.NameError, []);

    public bool IsNegative => Records.Count == 0;
}
