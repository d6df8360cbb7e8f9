using System.Net;

namespace Orchestrator.ApiMachinery.Certificates;

/// <summary>The DNS names and IP addresses a serving certificate must name (its subjectAltName extension).</summary>
public sealed record SubjectAlternativeNames(IReadOnlyList<string> DnsNames, IReadOnlyList<IPAddress> Addresses)
{
    private const string Oid = "2.5.29.17";

    /// <summary>The names <paramref name="certificate"/> carries (none when it has no subjectAltName).</summary>
    public static SubjectAlternativeNames Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (certificate.Extensions[Oid] is not { } extension)
        {
            return new SubjectAlternativeNames([], []);
        }

        var san = new X509SubjectAlternativeNameExtension(extension.RawData, extension.Critical);
        return new SubjectAlternativeNames([.. san.EnumerateDnsNames()], [.. san.EnumerateIPAddresses()]);
    }

    /// <summary>Every name and address of this set that <paramref name="certificate"/> does not carry (empty: it covers them all).</summary>
    public IReadOnlyList<string> MissingFrom(X509Certificate2 certificate)
    {
        var carried = Of(certificate);
        return
        [
            .. DnsNames.Where(name => !carried.DnsNames.Contains(name, StringComparer.OrdinalIgnoreCase)),
            .. Addresses.Where(address => !carried.Addresses.Contains(address)).Select(address => address.ToString()),
        ];
    }
}
