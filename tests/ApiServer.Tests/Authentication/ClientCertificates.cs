using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orchestrator.ApiMachinery.Certificates;

namespace Orchestrator.ApiServer.Tests.Authentication;

/// <summary>Client certificates with a chosen validity window (the CA's own issuing always starts now).</summary>
internal static class ClientCertificates
{
    public static X509Certificate2 Issue(X509Certificate2 ca, string user, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(CertificateAuthority.Subject(user, []), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var issued = request.Create(ca, notBefore, notAfter, RandomNumberGenerator.GetBytes(8));
        return issued.CopyWithPrivateKey(key);
    }
}
