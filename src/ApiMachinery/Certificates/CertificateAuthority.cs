using System.Net;

namespace Orchestrator.ApiMachinery.Certificates;

/// <summary>
/// The cluster's certificate authority: an ECDSA P-256 CA certificate with its key, and what it
/// issues (serving certificates, client certificates with CN = user and O = groups, certificates
/// for signing requests). Pure crypto, no files: <see cref="Pem"/> reads and writes them.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    /// <summary>Validity of the CA (kubeadm: 10 years).</summary>
    public static readonly TimeSpan CaValidity = TimeSpan.FromDays(3650);

    /// <summary>Validity of issued certificates (kubeadm: 1 year).</summary>
    public static readonly TimeSpan LeafValidity = TimeSpan.FromDays(365);

    private CertificateAuthority(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>The CA certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Creates a new self-signed CA named <paramref name="commonName"/>.</summary>
    public static CertificateAuthority Create(string commonName, TimeProvider? time = null)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + commonName), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.Add(CaValidity));
        return new CertificateAuthority(certificate);
    }

    /// <summary>Wraps an existing CA certificate that carries its private key.</summary>
    public static CertificateAuthority FromCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.HasPrivateKey
            ? new CertificateAuthority(certificate)
            : throw new ArgumentException("the CA certificate has no private key", nameof(certificate));
    }

    /// <summary>
    /// A serving certificate for <paramref name="commonName"/> with the given DNS names and IP
    /// addresses as SANs (server auth), with a new P-256 key.
    /// </summary>
    public X509Certificate2 IssueServing(string commonName, IEnumerable<string> dnsNames, IEnumerable<IPAddress> addresses, TimeProvider? time = null)
    {
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames.Distinct(StringComparer.Ordinal))
        {
            san.AddDnsName(name);
        }

        foreach (var address in addresses.Distinct())
        {
            san.AddIpAddress(address);
        }

        return Issue(Subject(commonName, []), [san.Build()], new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, time);
    }

    /// <summary>A client certificate: CN = <paramref name="user"/>, one O per group (client auth), with a new P-256 key.</summary>
    public X509Certificate2 IssueClient(string user, IEnumerable<string> groups, TimeProvider? time = null) =>
        Issue(Subject(user, groups), [], new OidCollection { new Oid("1.3.6.1.5.5.7.3.2") }, time);

    /// <summary>
    /// Signs a certificate for a public key someone else holds (a CertificateSigningRequest):
    /// the subject and extended key usages are the caller's decision, checked before.
    /// </summary>
    public X509Certificate2 Sign(X500DistinguishedName subject, PublicKey publicKey, OidCollection usages, TimeSpan validity, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        var now = (time ?? TimeProvider.System).GetUtcNow();
        var request = new CertificateRequest(subject, publicKey, HashAlgorithmName.SHA256);
        AddLeafExtensions(request, [], usages);
        var notAfter = Min(now.Add(validity), Certificate.NotAfter.ToUniversalTime());
        return request.Create(Certificate, NotBefore(now), notAfter, SerialNumber());
    }

    public void Dispose() => Certificate.Dispose();

    /// <summary>The subject of a client certificate: CN = user, O = each group (upstream reads them back the same way).</summary>
    public static X500DistinguishedName Subject(string commonName, IEnumerable<string> organizations)
    {
        var builder = new X500DistinguishedNameBuilder();
        foreach (var organization in organizations)
        {
            builder.AddOrganizationName(organization);
        }

        builder.AddCommonName(commonName);
        return builder.Build();
    }

    private X509Certificate2 Issue(X500DistinguishedName subject, IEnumerable<X509Extension> extra, OidCollection usages, TimeProvider? time)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        AddLeafExtensions(request, extra, usages);
        var notAfter = Min(now.Add(LeafValidity), Certificate.NotAfter.ToUniversalTime());
        using var issued = request.Create(Certificate, NotBefore(now), notAfter, SerialNumber());
        return issued.CopyWithPrivateKey(key);
    }

    private void AddLeafExtensions(CertificateRequest request, IEnumerable<X509Extension> extra, OidCollection usages)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        foreach (var extension in extra)
        {
            request.CertificateExtensions.Add(extension);
        }
    }

    /// <summary>
    /// Five minutes back for clock skew, but never before the CA itself: a CA made elsewhere moments ago (Helm's
    /// genCA starts its validity at the instant it signs) cannot issue a certificate older than itself.
    /// </summary>
    private DateTimeOffset NotBefore(DateTimeOffset now)
    {
        var skewed = now.AddMinutes(-5);
        var authority = new DateTimeOffset(Certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        return skewed < authority ? authority : skewed;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTime b) => a <= b ? a : new DateTimeOffset(b, TimeSpan.Zero);

    private static byte[] SerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // positive, as RFC 5280 asks
        return serial;
    }
}
