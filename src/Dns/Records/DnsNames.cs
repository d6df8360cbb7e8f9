using System.Globalization;
using System.Text;

namespace Orchestrator.Dns.Records;

/// <summary>Name forms of the cluster zone: reverse names of addresses, dashed addresses, name normalisation.</summary>
internal static class DnsNames
{
    /// <summary>The PTR owner name of <paramref name="ip"/>: d.c.b.a.in-addr.arpa, or nibbles under ip6.arpa.</summary>
    public static string Reverse(IPAddress ip)
    {
        ArgumentNullException.ThrowIfNull(ip);
        var bytes = ip.GetAddressBytes();
        var name = new StringBuilder();
        if (ip.AddressFamily == AddressFamily.InterNetwork)
        {
            for (var i = bytes.Length - 1; i >= 0; i--)
            {
                name.Append(bytes[i].ToString(CultureInfo.InvariantCulture)).Append('.');
            }

            return name.Append("in-addr.arpa").ToString();
        }

        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            name.Append("0123456789abcdef"[bytes[i] & 0xF]).Append('.').Append("0123456789abcdef"[bytes[i] >> 4]).Append('.');
        }

        return name.Append("ip6.arpa").ToString();
    }

    /// <summary>An endpoint's default host label: its address with '.' or ':' replaced by '-'.</summary>
    public static string Dashed(string ip) => ip.Replace('.', '-').Replace(':', '-');

    /// <summary>The IPv4 address spelled by a dashed label such as 10-244-1-7, or null.</summary>
    public static IPAddress? ParseDashedIpv4(ReadOnlySpan<char> label)
    {
        Span<byte> bytes = stackalloc byte[4];
        var part = 0;
        foreach (var range in label.Split('-'))
        {
            var text = label[range];
            if (part == 4 || text.Length is 0 or > 3 || !byte.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out bytes[part]))
            {
                return null;
            }

            part++;
        }

        return part == 4 ? new IPAddress(bytes) : null;
    }

    /// <summary>A name as the zone stores it: lower-case, without the trailing dot.</summary>
    public static string Normalize(string name) => name.TrimEnd('.').ToLowerInvariant();

    /// <summary>True when <paramref name="name"/> is <paramref name="zone"/> or below it.</summary>
    public static bool InZone(string name, string zone) =>
        name.Length == zone.Length ? name == zone : name.Length > zone.Length && name.EndsWith(zone, StringComparison.Ordinal) && name[^(zone.Length + 1)] == '.';
}
