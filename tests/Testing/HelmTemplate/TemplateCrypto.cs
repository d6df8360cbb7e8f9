using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Orchestrator.Testing.HelmTemplate;

/// <summary>
/// Sprig's genPrivateKey ("ecdsa": P-256, "rsa": 4096 bits), genCAWithKey and genSignedCertWithKey: certificates as
/// maps with Cert and Key (PEM), like Sprig's certificate object. Leaves carry server and client auth, like Sprig's.
/// </summary>
internal static class TemplateCrypto
{
    public static string GeneratePrivateKey(string type)
    {
        switch (type)
        {
            case "ecdsa":
                using (var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    return ec.ExportECPrivateKeyPem() + "\n";
                }

            case "rsa":
                using (var rsa = RSA.Create(4096))
                {
                    return rsa.ExportRSAPrivateKeyPem() + "\n";
                }

            default:
                throw new TemplateException($"genPrivateKey \"{type}\" is not supported by this renderer (ecdsa, rsa)");
        }
    }

    public static Dictionary<string, object?> CertificateAuthority(string commonName, long days, string keyPem)
    {
        using var key = LoadKey(keyPem);
        var request = Request(commonName, key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now, now.AddDays(days));
        return Certificate(certificate.ExportCertificatePem(), keyPem);
    }

    public static Dictionary<string, object?> SignedCertificate(string commonName, IReadOnlyList<object?> ips, IReadOnlyList<object?> dnsNames, long days, object? ca, string keyPem)
    {
        if (ca is not IDictionary<string, object?> authority || !authority.TryGetValue("Cert", out var certValue) || certValue is not string caCert
            || !authority.TryGetValue("Key", out var keyValue) || keyValue is not string caKey)
        {
            throw new TemplateException("genSignedCertWithKey: the CA must be a certificate from genCAWithKey");
        }

        using var issuer = X509Certificate2.CreateFromPem(caCert, caKey);
        using var key = LoadKey(keyPem);
        var request = Request(commonName, key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        if (ips.Count + dnsNames.Count > 0)
        {
            var names = new SubjectAlternativeNameBuilder();
            foreach (var ip in ips)
            {
                names.AddIpAddress(IPAddress.Parse(ip as string ?? throw new TemplateException("genSignedCertWithKey: IP addresses must be strings")));
            }

            foreach (var name in dnsNames)
            {
                names.AddDnsName(name as string ?? throw new TemplateException("genSignedCertWithKey: alternate names must be strings"));
            }

            request.CertificateExtensions.Add(names.Build());
        }

        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var certificate = request.Create(issuer, now, Min(now.AddDays(days), issuer.NotAfter), serial);
        return Certificate(certificate.ExportCertificatePem(), keyPem);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTime b) => a <= b.ToUniversalTime() ? a : new DateTimeOffset(b.ToUniversalTime(), TimeSpan.Zero);

    private static Dictionary<string, object?> Certificate(string certificatePem, string keyPem) =>
        new(StringComparer.Ordinal) { ["Cert"] = certificatePem + "\n", ["Key"] = keyPem };

    private static AsymmetricAlgorithm LoadKey(string pem)
    {
        if (pem.Contains("EC PRIVATE KEY", StringComparison.Ordinal))
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            return ec;
        }

        if (pem.Contains("RSA PRIVATE KEY", StringComparison.Ordinal))
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return rsa;
        }

        throw new TemplateException("expected a PEM key from genPrivateKey");
    }

    private static CertificateRequest Request(string commonName, AsymmetricAlgorithm key)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(commonName);
        var subject = builder.Build();
        return key switch
        {
            ECDsa ec => new CertificateRequest(subject, ec, HashAlgorithmName.SHA256),
            RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => throw new TemplateException("unsupported key"),
        };
    }
}
